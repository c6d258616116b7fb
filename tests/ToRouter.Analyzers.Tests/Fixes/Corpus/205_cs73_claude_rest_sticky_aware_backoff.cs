// lang: 7.3
// expect: quiet
// shape: C# 7.3 correct retry around the Anthropic Messages REST endpoint with HttpClient.SendAsync (no EnsureSuccessStatusCode): for (attempt = 1; ; attempt++) with catch (HttpRequestException) and catch (TaskCanceledException) when (!ct.IsCancellationRequested) both bounded by attempt < MaxAttempts; error bodies are read first, API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED and 400-404 throw at once, only 408/429/5xx/529 are retried; capped full-jitter exponential wait from a [ThreadStatic] Random, floored by Retry-After (gives up above the cap); the last failure throws
using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N205
{
    public sealed class ClaudeApiException : Exception
    {
        public ClaudeApiException(int status, string body)
            : base("Anthropic API returned " + status + ": " + body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; private set; }
        public string Body { get; private set; }
    }

    public class ClaudeMessagesClient
    {
        private const int MaxAttempts = 5;
        private const double BaseDelayMs = 1000, MaxDelayMs = 30000;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED" };

        [ThreadStatic] private static Random t_random;
        private static int s_seed = Environment.TickCount;

        private readonly HttpClient _http;
        private readonly string _apiKey;

        public ClaudeMessagesClient(HttpClient http, string apiKey)
        {
            _http = http;
            _apiKey = apiKey;
        }

        private static Random Rng
        {
            get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
        }

        public async Task<string> CreateMessageAsync(string requestJson, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                HttpResponseMessage response = null;
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages"))
                    {
                        request.Headers.Add("x-api-key", _apiKey);
                        request.Headers.Add("anthropic-version", "2023-06-01");
                        request.Content = new StringContent(requestJson, Encoding.UTF8, "application/json");
                        response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                    }
                }
                catch (HttpRequestException) when (attempt < MaxAttempts) { }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested && attempt < MaxAttempts) { }

                TimeSpan? retryAfter = null;
                if (response != null)
                {
                    using (response)
                    {
                        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        if (response.IsSuccessStatusCode)
                            return body;

                        int status = (int)response.StatusCode;
                        bool transient = status == 408 || status == 429 || status >= 500;
                        if (!transient || HasStickyCode(body) || attempt >= MaxAttempts)
                            throw new ClaudeApiException(status, body);

                        if (response.Headers.RetryAfter != null && response.Headers.RetryAfter.Delta.HasValue)
                            retryAfter = response.Headers.RetryAfter.Delta.Value;
                        if (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > MaxDelayMs)
                            throw new ClaudeApiException(status, body);
                    }
                }

                double ms = Rng.NextDouble() * Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
                if (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > ms)
                    ms = retryAfter.Value.TotalMilliseconds;
                await Task.Delay(TimeSpan.FromMilliseconds(ms), ct).ConfigureAwait(false);
            }
        }

        private static bool HasStickyCode(string body)
        {
            if (string.IsNullOrEmpty(body)) return false;
            foreach (var code in StickyCodes)
            {
                if (body.IndexOf(code, StringComparison.Ordinal) >= 0) return true;
            }
            return false;
        }
    }
}
