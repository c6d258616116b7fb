// lang: latest
// expect: flagged
// shape: bounded for loop that treats (int)response.StatusCode >= 400 as retryable, reads the error body into lastError, doubles a backoff variable without jitter and continues, then throws a custom exception with the last error.
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N28;

public sealed class LlmGatewayException : Exception
{
    public LlmGatewayException(string message) : base(message) { }
}

public class StructuredExtractor
{
    private readonly HttpClient _http;
    private readonly string _key;

    public StructuredExtractor(HttpClient http, string key)
    {
        _http = http;
        _key = key;
    }

    public async Task<string> ExtractAsync(string schemaPrompt, string document, CancellationToken ct)
    {
        var json = "{\"model\":\"gpt-4.1-mini\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[" +
                   "{\"role\":\"system\",\"content\":" + System.Text.Json.JsonSerializer.Serialize(schemaPrompt) + "}," +
                   "{\"role\":\"user\",\"content\":" + System.Text.Json.JsonSerializer.Serialize(document) + "}]}";

        var backoff = TimeSpan.FromMilliseconds(750);
        string lastError = null;

        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");

            using var response = await _http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);

            if ((int)response.StatusCode >= 400)
            {
                lastError = $"{(int)response.StatusCode}: {body}";
                await Task.Delay(backoff, ct);
                backoff *= 2;
                continue;
            }

            return body;
        }

        throw new LlmGatewayException("Extraction failed after 4 attempts. Last error: " + lastError);
    }
}
