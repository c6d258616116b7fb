// lang: latest
// expect: quiet
// shape: HttpClient POST to /v1/chat/completions through a SendWithRetryAsync helper that reads the body before deciding, treats 400-404 and sticky quota codes as terminal, retries 408/429/5xx and network errors at most 5 times with capped full-jitter backoff and Retry-After, and throws the last failure.
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N285
{
    public sealed class GatewayException : Exception
    {
        public GatewayException(int status, string body)
            : base($"Gateway returned {status}: {body}") { Status = status; Body = body; }
        public int Status { get; }
        public string Body { get; }
    }

    public sealed class ChatCompletionsApi(HttpClient http)
    {
        private const int MaxAttempts = 5;
        private const double BaseDelayMs = 1000, MaxDelayMs = 30_000;

        public async Task<string> CompleteAsync(string model, string prompt, CancellationToken ct)
        {
            string json = JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = prompt } } });
            string body = await SendWithRetryAsync(() => new StringContent(json, Encoding.UTF8, "application/json"), ct);
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
        }

        private async Task<string> SendWithRetryAsync(Func<HttpContent> contentFactory, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                TimeSpan? retryAfter = null;
                try
                {
                    using var response = await http.PostAsync("v1/chat/completions", contentFactory(), ct);
                    string text = await response.Content.ReadAsStringAsync(ct);
                    if (response.IsSuccessStatusCode)
                        return text;

                    int status = (int)response.StatusCode;
                    bool sticky = text.Contains("API_KEY_QUOTA_EXHAUSTED") || text.Contains("USAGE_LIMIT_EXCEEDED")
                                  || text.Contains("insufficient_quota");
                    bool transient = status == 408 || status == 429 || status >= 500;
                    if (sticky || !transient || attempt >= MaxAttempts)
                        throw new GatewayException(status, text);

                    RetryConditionHeaderValue? ra = response.Headers.RetryAfter;
                    retryAfter = ra?.Delta ?? (ra?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
                }
                catch (HttpRequestException) when (attempt < MaxAttempts)
                {
                    // connection refused / reset: no response came back
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested && attempt < MaxAttempts)
                {
                    // HttpClient.Timeout elapsed, not the caller's cancellation
                }

                double cap = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
                double waitMs = Random.Shared.NextDouble() * cap;
                if (retryAfter is { } hint)
                {
                    if (hint.TotalMilliseconds > MaxDelayMs)
                        throw new GatewayException(429, $"Retry-After {hint} exceeds the retry budget");
                    waitMs = Math.Max(waitMs, hint.TotalMilliseconds);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(waitMs), ct);
            }
        }
    }
}
