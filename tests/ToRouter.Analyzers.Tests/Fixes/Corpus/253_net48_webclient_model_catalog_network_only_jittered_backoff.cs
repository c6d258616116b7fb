// lang: 7.3 net48
// expect: quiet
// shape: a .NET Framework model-catalog cache retries WebClient.DownloadString only for connection-level WebException statuses (no HTTP response), at most four attempts with capped, fully jittered exponential Thread.Sleep, and lets the last failure propagate.
using System;
using System.Diagnostics;
using System.Net;
using System.Threading;

namespace Corpus.N253
{
    public static class ModelCatalogCache
    {
        private const int MaxAttempts = 4;
        private const double BaseDelayMs = 1000;
        private const double MaxDelayMs = 30000;

        private static readonly object Gate = new object();
        private static string _cachedJson;
        private static DateTime _cachedAtUtc = DateTime.MinValue;

        [ThreadStatic] private static Random _random;
        private static int _seed = Environment.TickCount;

        private static Random Rng
        {
            get { return _random ?? (_random = new Random(Interlocked.Increment(ref _seed))); }
        }

        public static string GetModelsJson(string baseUrl, string apiKey)
        {
            lock (Gate)
            {
                if (_cachedJson != null && DateTime.UtcNow - _cachedAtUtc < TimeSpan.FromMinutes(10))
                    return _cachedJson;

                _cachedJson = Download(baseUrl.TrimEnd('/') + "/v1/models", apiKey);
                _cachedAtUtc = DateTime.UtcNow;
                return _cachedJson;
            }
        }

        private static string Download(string url, string apiKey)
        {
            for (int attempt = 1; ; attempt++)
            {
                using (var client = new WebClient())
                {
                    client.Headers[HttpRequestHeader.Authorization] = "Bearer " + apiKey;
                    try
                    {
                        return client.DownloadString(url);
                    }
                    catch (WebException ex) when (attempt < MaxAttempts && ex.Response == null && IsConnectionFailure(ex.Status))
                    {
                        // No HTTP response at all: DNS, refused connection, reset, timeout. Any HTTP status
                        // (401, 404, 429 quota, ...) has a Response and falls through to the caller.
                        double ceiling = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
                        int delayMs = (int)(Rng.NextDouble() * ceiling);
                        Trace.TraceWarning("GET {0} failed ({1}); retry {2}/{3} in {4} ms",
                            url, ex.Status, attempt, MaxAttempts - 1, delayMs);
                        Thread.Sleep(delayMs);
                    }
                }
            }
        }

        private static bool IsConnectionFailure(WebExceptionStatus status)
        {
            switch (status)
            {
                case WebExceptionStatus.ConnectFailure:
                case WebExceptionStatus.NameResolutionFailure:
                case WebExceptionStatus.ConnectionClosed:
                case WebExceptionStatus.ReceiveFailure:
                case WebExceptionStatus.SendFailure:
                case WebExceptionStatus.KeepAliveFailure:
                case WebExceptionStatus.Timeout:
                    return true;
                default:
                    return false;
            }
        }
    }
}
