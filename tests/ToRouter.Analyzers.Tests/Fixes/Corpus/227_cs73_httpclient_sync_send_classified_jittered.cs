// lang: 7.3
// expect: quiet
// shape: Synchronous CLI-side gateway client uses HttpClient.Send in a bounded loop that reads status and body first, treats 400-404 and sticky quota codes as terminal, and sleeps a capped, full-jitter exponential delay floored by Retry-After before the next attempt.
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N227
{
    public sealed class GatewayException : Exception
    {
        public GatewayException(int status, string body) : base("Gateway returned " + status + ": " + body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; private set; }
        public string Body { get; private set; }
    }

    public sealed class SyncGatewayClient
    {
        private const int MaxAttempts = 5;
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
        [ThreadStatic] private static Random t_random;
        private static int s_seed = Environment.TickCount;
        private readonly HttpClient _http;

        public SyncGatewayClient(HttpClient http)
        {
            _http = http;
        }

        private static Random Rng
        {
            get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
        }

        public string CompleteJson(string requestJson, CancellationToken ct)
        {
            for (int attempt = 0; ; attempt++)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions");
                request.Content = new StringContent(requestJson, Encoding.UTF8, "application/json");

                TimeSpan? retryAfter = null;
                using (var response = _http.Send(request, ct))
                {
                    string body;
                    using (var reader = new StreamReader(response.Content.ReadAsStream(ct)))
                    {
                        body = reader.ReadToEnd();
                    }

                    if (response.IsSuccessStatusCode)
                        return body;

                    int status = (int)response.StatusCode;
                    bool sticky = body.IndexOf("\"API_KEY_QUOTA_EXHAUSTED\"", StringComparison.Ordinal) >= 0
                               || body.IndexOf("\"USAGE_LIMIT_EXCEEDED\"", StringComparison.Ordinal) >= 0
                               || body.IndexOf("\"insufficient_quota\"", StringComparison.Ordinal) >= 0;
                    bool transient = status == 408 || status == (int)HttpStatusCode.TooManyRequests || status >= 500;

                    if (sticky || !transient || attempt + 1 >= MaxAttempts)
                        throw new GatewayException(status, body);

                    if (response.Headers.RetryAfter != null)
                        retryAfter = response.Headers.RetryAfter.Delta;
                }

                double ms = Rng.NextDouble() * Math.Min(MaxDelay.TotalMilliseconds, 1000 * Math.Pow(2, attempt));
                if (retryAfter.HasValue)
                {
                    if (retryAfter.Value > MaxDelay)
                        throw new GatewayException(429, "Retry-After " + retryAfter.Value + " exceeds the retry budget");
                    ms = Math.Max(ms, retryAfter.Value.TotalMilliseconds);
                }

                Console.Error.WriteLine("gateway: attempt {0} failed, retrying in {1:F0} ms", attempt + 1, ms);
                if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(ms)))
                    ct.ThrowIfCancellationRequested();
            }
        }
    }
}
