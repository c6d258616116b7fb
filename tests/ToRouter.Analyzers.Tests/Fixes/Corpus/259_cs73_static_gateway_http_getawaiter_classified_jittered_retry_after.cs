// lang: 7.3
// expect: quiet
// shape: a synchronous static HttpClient helper (sync-over-async via GetAwaiter().GetResult()) makes at most five attempts, reads the body before deciding, treats 400-404 and sticky quota codes as terminal, honours a capped Retry-After and waits a fully jittered exponential delay on the caller's token.
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N259
{
    public sealed class GatewayException : Exception
    {
        public GatewayException(int status, string body)
            : base("Gateway returned HTTP " + status + ": " + body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; private set; }
        public string Body { get; private set; }
    }

    public static class GatewayHttp
    {
        private const int MaxAttempts = 5;
        private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };
        private static readonly HttpClient Client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        [ThreadStatic] private static Random t_random;
        private static int s_seed = Environment.TickCount;
        private static Random Rng { get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); } }

        public static string PostJson(Uri uri, string apiKey, string json, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                TimeSpan? retryAfter = null;
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Post, uri))
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                        request.Content = new StringContent(json, Encoding.UTF8, "application/json");

                        using (var response = Client.SendAsync(request, ct).GetAwaiter().GetResult())
                        {
                            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                            if (response.IsSuccessStatusCode)
                                return body;

                            int status = (int)response.StatusCode;
                            if (response.Headers.RetryAfter != null)
                                retryAfter = response.Headers.RetryAfter.Delta
                                    ?? (response.Headers.RetryAfter.Date - DateTimeOffset.UtcNow);

                            bool transient = status == 408 || status == 429 || status >= 500;
                            if (!transient || HasStickyCode(body) || attempt == MaxAttempts
                                || (retryAfter.HasValue && retryAfter.Value > MaxDelay))
                                throw new GatewayException(status, body);

                            Trace.TraceWarning("POST {0} -> {1}, attempt {2}/{3}", uri.AbsolutePath, status, attempt, MaxAttempts);
                        }
                    }
                }
                catch (HttpRequestException ex) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
                {
                    Trace.TraceWarning("POST {0} network failure on attempt {1}: {2}", uri.AbsolutePath, attempt, ex.Message);
                }
                catch (TaskCanceledException) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
                {
                    Trace.TraceWarning("POST {0} timed out on attempt {1}", uri.AbsolutePath, attempt);
                }

                double ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
                double delayMs = Rng.NextDouble() * ceilingMs;
                if (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > delayMs)
                    delayMs = retryAfter.Value.TotalMilliseconds;

                if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(delayMs)))
                    ct.ThrowIfCancellationRequested();
            }
        }

        private static bool HasStickyCode(string body)
        {
            if (string.IsNullOrEmpty(body))
                return false;
            foreach (var code in StickyCodes)
                if (body.IndexOf("\"" + code + "\"", StringComparison.Ordinal) >= 0)
                    return true;
            return false;
        }
    }
}
