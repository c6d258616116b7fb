// lang: 7.3 net48
// expect: quiet
// shape: .NET Framework C# 7.3 correct synchronous retry around HttpWebRequest.GetResponse: for (attempt = 1; ; attempt++) with catch (WebException ex) when (attempt < MaxAttempts && !ct.IsCancellationRequested); a classifier retries only connection-level WebExceptionStatus values and 408/429/5xx, reads the error body and treats API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota as terminal; capped full-jitter exponential wait from a [ThreadStatic] Random, floored by Retry-After (gives up if the hint exceeds the cap), slept with ct.WaitHandle.WaitOne; the final failure propagates
using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N181
{
    public sealed class GatewayWebClient
    {
        private const int MaxAttempts = 5;
        private const double BaseDelayMs = 1000;
        private const double MaxDelayMs = 30000;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        [ThreadStatic] private static Random _rng;
        private static int _seed = Environment.TickCount;

        private static Random Rng
        {
            get { return _rng ?? (_rng = new Random(Interlocked.Increment(ref _seed))); }
        }

        private readonly Uri _endpoint;
        private readonly string _apiKey;

        public GatewayWebClient(Uri endpoint, string apiKey)
        {
            _endpoint = endpoint;
            _apiKey = apiKey;
        }

        public string PostChat(string json, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return Send(json);
                }
                catch (WebException ex) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
                {
                    TimeSpan? retryAfter;
                    if (!IsRetryable(ex, out retryAfter))
                        throw;

                    double ms = Rng.NextDouble() * Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
                    if (retryAfter.HasValue)
                    {
                        if (retryAfter.Value.TotalMilliseconds > MaxDelayMs)
                            throw;
                        ms = Math.Max(ms, retryAfter.Value.TotalMilliseconds);
                    }

                    if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(ms)))
                        ct.ThrowIfCancellationRequested();
                }
            }
        }

        private string Send(string json)
        {
            var request = (HttpWebRequest)WebRequest.Create(new Uri(_endpoint, "v1/chat/completions"));
            request.Method = "POST";
            request.ContentType = "application/json";
            request.Headers[HttpRequestHeader.Authorization] = "Bearer " + _apiKey;
            request.Timeout = 60000;

            byte[] payload = Encoding.UTF8.GetBytes(json);
            using (Stream body = request.GetRequestStream())
                body.Write(payload, 0, payload.Length);

            using (var response = (HttpWebResponse)request.GetResponse())
            using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                return reader.ReadToEnd();
        }

        private static bool IsRetryable(WebException ex, out TimeSpan? retryAfter)
        {
            retryAfter = null;
            var response = ex.Response as HttpWebResponse;
            if (response == null)
            {
                return ex.Status == WebExceptionStatus.ConnectFailure || ex.Status == WebExceptionStatus.ConnectionClosed
                    || ex.Status == WebExceptionStatus.ReceiveFailure || ex.Status == WebExceptionStatus.SendFailure
                    || ex.Status == WebExceptionStatus.KeepAliveFailure || ex.Status == WebExceptionStatus.NameResolutionFailure
                    || ex.Status == WebExceptionStatus.Timeout;
            }

            int status = (int)response.StatusCode;
            string body;
            using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                body = reader.ReadToEnd();

            foreach (string code in StickyCodes)
            {
                if (body.IndexOf("\"" + code + "\"", StringComparison.Ordinal) >= 0)
                    return false;
            }

            int seconds;
            string header = response.Headers["Retry-After"];
            if (header != null && int.TryParse(header.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds) && seconds >= 0)
                retryAfter = TimeSpan.FromSeconds(seconds);

            return status == 408 || status == 429 || status >= 500;
        }
    }
}
