// lang: latest
// expect: flagged
// shape: countdown budget while (retries-- > 0) that re-sends a fresh HttpRequestMessage, continues on (int)StatusCode == 429 after Math.Pow(2, n) seconds without jitter or a sticky-code check, and throws after the budget is spent.
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N05;

public class CompletionProxy
{
    private readonly HttpClient _client;
    private readonly string _apiKey;

    public CompletionProxy(HttpClient client, string apiKey)
    {
        _client = client;
        _apiKey = apiKey;
    }

    public async Task<string> ForwardAsync(string requestJson, CancellationToken ct)
    {
        const int MaxRetries = 5;
        int retries = MaxRetries;

        while (retries-- > 0)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.torouter.example/v1/chat/completions")
            {
                Content = new StringContent(requestJson, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);

            using var response = await _client.SendAsync(request, ct);

            if ((int)response.StatusCode == 429)
            {
                int used = MaxRetries - retries;
                var wait = TimeSpan.FromSeconds(Math.Pow(2, used));
                Console.WriteLine($"429 from gateway, backing off {wait.TotalSeconds}s ({retries} retries left)");
                await Task.Delay(wait, ct);
                continue;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(ct);
        }

        throw new HttpRequestException($"Still rate limited after {MaxRetries} attempts.");
    }
}
