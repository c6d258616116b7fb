// lang: latest
// expect: flagged
// shape: #nullable enable; C# 12 primary-constructor client configured by a GatewayRetryOptions record; bounded for loop over PostAsJsonAsync that goes round again whenever !response.IsSuccessStatusCode (so 400/401/402/403/404 and sticky 429s are retried), waiting options.Delay * Math.Pow(2, attempt) with no jitter, and throws after the loop
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N154;

public sealed record GatewayRetryOptions(int MaxAttempts = 5, TimeSpan? BaseDelay = null)
{
    public TimeSpan Delay => BaseDelay ?? TimeSpan.FromMilliseconds(500);
}

public sealed class CompletionGateway(HttpClient http, GatewayRetryOptions options, ILogger<CompletionGateway> logger)
{
    public async Task<JsonDocument> CompleteAsync(string model, string prompt, CancellationToken ct = default)
    {
        var payload = new
        {
            model,
            messages = new[] { new { role = "user", content = prompt } },
            temperature = 0.2,
        };

        for (var attempt = 0; attempt < options.MaxAttempts; attempt++)
        {
            using var response = await http.PostAsJsonAsync("v1/chat/completions", payload, ct);
            if (response.IsSuccessStatusCode)
            {
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                return await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            logger.LogWarning(
                "Gateway returned {Status} for {Model} on attempt {Attempt}: {Body}",
                (int)response.StatusCode, model, attempt + 1, body);

            if (attempt + 1 < options.MaxAttempts)
            {
                await Task.Delay(options.Delay * Math.Pow(2, attempt), ct);
            }
        }

        throw new HttpRequestException($"Chat completion for {model} failed after {options.MaxAttempts} attempts.");
    }
}
