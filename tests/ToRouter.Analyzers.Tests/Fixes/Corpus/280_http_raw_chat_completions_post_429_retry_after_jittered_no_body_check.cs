// lang: latest
// expect: flagged
// shape: Raw HttpClient POST to /v1/chat/completions that retries only 429 with Retry-After or jittered exponential backoff and a bound, but never reads the body, so API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are retried like ordinary rate limits.
#nullable enable
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N280
{
    public sealed class GatewayChatClient
    {
        private const int MaxRetries = 5;
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

        private readonly HttpClient _http;
        private readonly string _model;

        public GatewayChatClient(HttpClient http, string model = "gpt-4o-mini")
        {
            _http = http; // BaseAddress + Authorization header configured in Program.cs
            _model = model;
        }

        public async Task<string> AskAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
        {
            var payload = JsonSerializer.Serialize(new
            {
                model = _model,
                messages = new[]
                {
                    new { role = "system", content = systemPrompt },
                    new { role = "user", content = userPrompt }
                },
                temperature = 0.2
            });

            for (int attempt = 1; attempt <= MaxRetries; attempt++)
            {
                using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync("/v1/chat/completions", content, ct);

                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRetries)
                {
                    // Respect Retry-After if the server sent one, otherwise exponential backoff with jitter
                    TimeSpan wait = response.Headers.RetryAfter?.Delta
                        ?? TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds,
                               Math.Pow(2, attempt) * 1000 + Random.Shared.Next(0, 1000)));

                    Console.WriteLine($"[chat] 429 received, attempt {attempt}/{MaxRetries}, waiting {wait.TotalSeconds:F1}s");
                    await Task.Delay(wait, ct);
                    continue;
                }

                response.EnsureSuccessStatusCode();

                using var stream = await response.Content.ReadAsStreamAsync(ct);
                using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
                return doc.RootElement
                    .GetProperty("choices")[0]
                    .GetProperty("message")
                    .GetProperty("content")
                    .GetString() ?? string.Empty;
            }

            throw new HttpRequestException($"Rate limited after {MaxRetries} attempts.");
        }
    }
}
