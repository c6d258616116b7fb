// lang: 7.3
// expect: quiet
// shape: C# 7.3 synchronous moderation client uses HttpClient.Send in a do/while of at most four attempts, retries only network errors, timeouts and 408/429/5xx whose body has no sticky quota code, throws on everything else and on the last attempt, and sleeps a full-jitter capped exponential delay (or Retry-After) via the token's wait handle.
using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N333
{
    public sealed class ModerationGatewayException : Exception
    {
        public ModerationGatewayException(int status, string body)
            : base("Moderation request failed with HTTP " + status + ": " + body)
        {
            Status = status;
        }
        public int Status { get; private set; }
    }

    public sealed class SyncModerationClient
    {
        private const int MaxAttempts = 4;
        private const double MaxDelayMs = 30000;
        private static readonly object RngLock = new object();
        private static readonly Random Rng = new Random();
        private readonly HttpClient _http;

        public SyncModerationClient(HttpClient http)
        {
            _http = http;
        }

        public string Moderate(string text, CancellationToken ct)
        {
            string json = "{\"model\":\"omni-moderation-latest\",\"input\":" + Quote(text) + "}";
            int attempt = 0;

            do
            {
                attempt++;
                HttpResponseMessage response;
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/moderations"))
                    {
                        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                        response = _http.Send(request, ct);
                    }
                }
                catch (HttpRequestException ex) when (attempt < MaxAttempts)
                {
                    Console.Error.WriteLine("moderation: network error on attempt " + attempt + ": " + ex.Message);
                    Pause(attempt, null, ct);
                    continue;
                }
                catch (System.Threading.Tasks.TaskCanceledException ex) when (!ct.IsCancellationRequested && attempt < MaxAttempts)
                {
                    Console.Error.WriteLine("moderation: timeout on attempt " + attempt + ": " + ex.Message);
                    Pause(attempt, null, ct);
                    continue;
                }

                using (response)
                {
                    string body;
                    using (var reader = new StreamReader(response.Content.ReadAsStream(ct)))
                    {
                        body = reader.ReadToEnd();
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return body;
                    }

                    int status = (int)response.StatusCode;
                    bool sticky = body.IndexOf("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal) >= 0
                                  || body.IndexOf("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal) >= 0;
                    bool transient = !sticky && (status == 408 || status == 429 || status >= 500);
                    TimeSpan? retryAfter = response.Headers.RetryAfter != null ? response.Headers.RetryAfter.Delta : null;
                    if (!transient || attempt >= MaxAttempts || (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > MaxDelayMs))
                    {
                        throw new ModerationGatewayException(status, body);
                    }

                    Pause(attempt, retryAfter, ct);
                }
            }
            while (attempt < MaxAttempts);

            throw new InvalidOperationException("Moderation retry loop exited without a result.");
        }

        private static void Pause(int attempt, TimeSpan? retryAfter, CancellationToken ct)
        {
            double ceiling = Math.Min(MaxDelayMs, 1000 * Math.Pow(2, attempt - 1));
            double ms;
            lock (RngLock)
            {
                ms = Rng.NextDouble() * ceiling;
            }
            if (retryAfter.HasValue)
            {
                ms = Math.Max(ms, retryAfter.Value.TotalMilliseconds);
            }

            if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(ms)))
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        private static string Quote(string s)
        {
            return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
        }
    }
}
