using System.Net;
using System.Text;

namespace Consumer;

/// <summary>Calls the gateway's OpenAI-compatible REST API with a plain HttpClient.</summary>
public sealed class GatewayClient
{
    private const int MaxAttempts = 5;
    private readonly HttpClient _http;

    public GatewayClient(HttpClient http) => _http = http;

    // Retries every exception, forever, blocking a thread for a fixed second between attempts.
    public async Task<string> ListModelsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("models", cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Listing models failed: {ex.Message}; retrying in 1 s");
                Thread.Sleep(1000);
            }
        }
    }

    // Retries every unsuccessful status (401, 403, 404 included) with a linearly growing wait, and returns null at the end.
    public async Task<string?> PostChatCompletionAsync(string requestJson, CancellationToken cancellationToken)
    {
        using var content = new StringContent(requestJson, Encoding.UTF8, "application/json");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var response = await _http.PostAsync("chat/completions", content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"Attempt {attempt} failed with {(int)response.StatusCode}");
                await Task.Delay(500 * attempt, cancellationToken);
                continue;
            }

            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        return null;
    }

    // Retries every 429, spent quotas included, with an exponential wait that has no jitter.
    public async Task<string> CreateEmbeddingAsync(string requestJson, CancellationToken cancellationToken)
    {
        using var content = new StringContent(requestJson, Encoding.UTF8, "application/json");
        for (var attempt = 1; ; attempt++)
        {
            using var response = await _http.PostAsync("embeddings", content, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                continue;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
    }
}
