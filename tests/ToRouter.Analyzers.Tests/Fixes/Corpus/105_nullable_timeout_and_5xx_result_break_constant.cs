// lang: latest
// expect: flagged
// shape: #nullable enable; for loop with a string? result assigned then break on success; catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) for timeouts and catch (HttpRequestException ex) when the status is null or 5xx both fall through to a constant Task.Delay(2000); after the loop the result is returned or, if still null, an exception is thrown.
#nullable enable
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N105;

public sealed class ContentSafetyChecker
{
    private const int MaxAttempts = 4;
    private readonly HttpClient _http;

    public ContentSafetyChecker(HttpClient http) => _http = http;

    public async Task<string> ModerateAsync(string input, CancellationToken cancellationToken = default)
    {
        string payload = "{\"model\":\"omni-moderation-latest\",\"input\":" + System.Text.Json.JsonSerializer.Serialize(input) + "}";
        string? result = null;

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await _http.PostAsync("v1/moderations", content, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                result = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine($"Moderation request timed out (attempt {attempt})");
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null || (int)ex.StatusCode >= 500)
            {
                Console.WriteLine($"Moderation request failed: {ex.StatusCode?.ToString() ?? "no response"} (attempt {attempt})");
            }

            if (attempt < MaxAttempts)
            {
                await Task.Delay(2000, cancellationToken).ConfigureAwait(false);
            }
        }

        return result ?? throw new HttpRequestException($"Moderation failed after {MaxAttempts} attempts.");
    }
}
