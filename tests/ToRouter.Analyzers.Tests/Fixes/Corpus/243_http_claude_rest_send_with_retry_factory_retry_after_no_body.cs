// lang: latest
// expect: flagged
// shape: HttpClient extension SendWithRetryAsync(Func<HttpRequestMessage>) behind a raw Claude Messages REST client that re-sends on 429 and 5xx honoring Retry-After with a jittered exponential fallback, but never reads the 429 body, so sticky API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED responses are retried until the attempts run out.
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N243;

public static class HttpClientRetryExtensions
{
    public static async Task<HttpResponseMessage> SendWithRetryAsync(
        this HttpClient http, Func<HttpRequestMessage> requestFactory, int maxAttempts = 5, CancellationToken ct = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            // A request message can only be sent once, hence the factory.
            var response = await http.SendAsync(requestFactory(), ct).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            bool transient = status == 429 || status >= 500;

            if (response.IsSuccessStatusCode || !transient || attempt >= maxAttempts)
                return response;

            var retryAfter = response.Headers.RetryAfter;
            TimeSpan wait = retryAfter?.Delta
                ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null)
                ?? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1)));
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;

            response.Dispose();
            await Task.Delay(wait, ct).ConfigureAwait(false);
        }
    }
}

public sealed class ClaudeRestClient(HttpClient http, string apiKey)
{
    public async Task<string> CompleteAsync(string model, string prompt, CancellationToken ct = default)
    {
        using var response = await http.SendWithRetryAsync(() =>
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
            {
                Content = JsonContent.Create(new
                {
                    model,
                    max_tokens = 1024,
                    messages = new[] { new { role = "user", content = prompt } },
                }),
            };
            req.Headers.Add("x-api-key", apiKey);
            req.Headers.Add("anthropic-version", "2023-06-01");
            return req;
        }, ct: ct);

        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return doc.RootElement.GetProperty("content")[0].GetProperty("text").GetString() ?? "";
    }
}
