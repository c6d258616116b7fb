// lang: 7.3
// expect: quiet
// shape: C# 7.3 bounded for loop that retries only connection-level failures (HttpRequestException from SendAsync without EnsureSuccessStatusCode, IOException, and timeouts not caused by the caller's token) with capped full-jitter exponential backoff; any HTTP error status is turned into an exception after the loop, never retried, and the last network failure propagates.
using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N75
{
    public sealed class RawChatTransport
    {
        private const int MaxAttempts = 4;
        private const int BaseDelayMs = 500;
        private const int MaxDelayMs = 8000;

        [ThreadStatic]
        private static Random _random;
        private static int _seed = Environment.TickCount;

        private readonly HttpClient _http;

        public RawChatTransport(HttpClient http)
        {
            _http = http;
        }

        private static Random Random
        {
            get { return _random ?? (_random = new Random(Interlocked.Increment(ref _seed))); }
        }

        public async Task<string> PostAsync(string json, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = null;

            for (int attempt = 1; response == null; attempt++)
            {
                try
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                    {
                        Content = new StringContent(json, Encoding.UTF8, "application/json")
                    };
                    response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException) when (attempt < MaxAttempts)
                {
                    await Task.Delay(JitteredDelay(attempt), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException) when (attempt < MaxAttempts)
                {
                    await Task.Delay(JitteredDelay(attempt), cancellationToken).ConfigureAwait(false);
                }
                catch (TaskCanceledException) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(JitteredDelay(attempt), cancellationToken).ConfigureAwait(false);
                }
            }

            using (response)
            {
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    // Status errors (including 429 quota errors) are the caller's to classify.
                    throw new HttpRequestException("Chat request failed with " + (int)response.StatusCode + ": " + body);
                }

                return body;
            }
        }

        private static TimeSpan JitteredDelay(int attempt)
        {
            int ceiling = (int)Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
            return TimeSpan.FromMilliseconds(Random.Next(0, ceiling + 1));
        }
    }
}
