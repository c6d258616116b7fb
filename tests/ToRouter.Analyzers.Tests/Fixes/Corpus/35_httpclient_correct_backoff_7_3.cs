// lang: 7.3
// expect: quiet
// shape: C# 7.3 bounded for loop over HttpClient.SendAsync that retries only network errors, timeouts, 408/429/5xx; reads the body first and treats sticky quota codes and other 4xx as terminal; full-jitter capped exponential backoff with a per-thread Random and Retry-After; throws on the last attempt.
using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N35
{
    public sealed class GatewayCallException : Exception
    {
        public GatewayCallException(int status, string body)
            : base("Gateway call failed with HTTP " + status + ": " + body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; private set; }
        public string Body { get; private set; }
    }

    public sealed class CarefulGatewayClient
    {
        private const int MaxAttempts = 6;
        private const double BaseDelayMs = 1000;
        private const double MaxDelayMs = 30000;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        [ThreadStatic]
        private static Random _rng;
        private static int _seed = Environment.TickCount;

        private readonly HttpClient _http;

        public CarefulGatewayClient(HttpClient http)
        {
            _http = http;
        }

        private static Random Rng
        {
            get { return _rng ?? (_rng = new Random(Interlocked.Increment(ref _seed))); }
        }

        public async Task<string> PostChatAsync(string json, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                HttpResponseMessage response;
                try
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions");
                    request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                    response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                }
                catch (HttpRequestException) when (attempt < MaxAttempts)
                {
                    await Task.Delay(Backoff(attempt, null), ct).ConfigureAwait(false);
                    continue;
                }
                catch (TaskCanceledException) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
                {
                    await Task.Delay(Backoff(attempt, null), ct).ConfigureAwait(false);
                    continue;
                }

                using (response)
                {
                    string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return body;
                    }

                    int status = (int)response.StatusCode;
                    bool sticky = false;
                    foreach (string code in StickyCodes)
                    {
                        if (body != null && body.IndexOf(code, StringComparison.Ordinal) >= 0)
                        {
                            sticky = true;
                        }
                    }

                    bool transient = status == 408 || status == 429 || status >= 500;
                    if (sticky || !transient || attempt >= MaxAttempts)
                    {
                        throw new GatewayCallException(status, body);
                    }

                    TimeSpan? retryAfter = response.Headers.RetryAfter != null ? response.Headers.RetryAfter.Delta : null;
                    await Task.Delay(Backoff(attempt, retryAfter), ct).ConfigureAwait(false);
                }
            }
        }

        private static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
        {
            double ceiling = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
            double ms = Rng.NextDouble() * ceiling;
            if (retryAfter.HasValue)
            {
                ms = Math.Max(ms, Math.Min(retryAfter.Value.TotalMilliseconds, MaxDelayMs));
            }

            return TimeSpan.FromMilliseconds(ms);
        }
    }
}
