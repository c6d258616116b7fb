// lang: latest
// expect: flagged
// shape: while (true) with attempt++ at the top around HttpClient.SendAsync (fresh request each time); network errors are retried only while attempt < maxAttempts, but the status branch `(int)StatusCode == 429 || ((int)StatusCode >= 500 && attempt < maxAttempts)` applies the bound to 5xx only, so a 429 (sticky quota ones included, body never read) is re-sent forever after Retry-After or a jittered 2^attempt s wait
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N198
{
    public class GatewayChatClient
    {
        private readonly HttpClient _http;
        private readonly string _apiKey;
        private readonly int _maxAttempts;

        public GatewayChatClient(HttpClient http, string apiKey, int maxAttempts = 3)
        {
            _http = http;
            _apiKey = apiKey;
            _maxAttempts = maxAttempts;
        }

        public async Task<string> PostChatAsync(string requestJson, CancellationToken ct = default)
        {
            var attempt = 0;
            while (true)
            {
                attempt++;
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                {
                    Content = new StringContent(requestJson, Encoding.UTF8, "application/json")
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);

                HttpResponseMessage resp;
                try
                {
                    resp = await _http.SendAsync(request, ct).ConfigureAwait(false);
                }
                catch (HttpRequestException) when (attempt < _maxAttempts)
                {
                    await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
                    continue;
                }

                using (resp)
                {
                    if (resp.IsSuccessStatusCode)
                        return await resp.Content.ReadAsStringAsync(ct).ConfigureAwait(false);

                    if ((int)resp.StatusCode == 429 || ((int)resp.StatusCode >= 500 && attempt < _maxAttempts))
                    {
                        var wait = resp.Headers.RetryAfter?.Delta ?? Backoff(attempt);
                        await Task.Delay(wait, ct).ConfigureAwait(false);
                        continue;
                    }

                    var error = await resp.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    throw new HttpRequestException($"Chat request failed with {(int)resp.StatusCode}: {error}", null, resp.StatusCode);
                }
            }
        }

        private static TimeSpan Backoff(int attempt)
        {
            var jitter = Random.Shared.NextDouble() * 0.5;
            return TimeSpan.FromSeconds(Math.Pow(2, attempt) + jitter);
        }
    }
}
