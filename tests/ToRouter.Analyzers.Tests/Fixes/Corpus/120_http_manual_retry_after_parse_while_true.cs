// lang: latest
// expect: flagged
// shape: while (true) over HttpClient.SendAsync with a fresh HttpRequestMessage per attempt and an attempt bound that throws; on 429 it hand-parses the Retry-After header with TryGetValues/int.TryParse (default 10 s) and goes round again without reading the body for sticky quota codes, and on 5xx it waits a constant 2 s
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N120
{
    public class GatewayChatClient
    {
        private readonly HttpClient _http;
        private readonly string _apiKey;
        private const int MaxAttempts = 6;

        public GatewayChatClient(HttpClient http, string apiKey)
        {
            _http = http;
            _apiKey = apiKey;
        }

        public async Task<string> CompleteAsync(string requestJson, CancellationToken token)
        {
            int attempt = 0;
            while (true)
            {
                attempt++;
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                {
                    Content = new StringContent(requestJson, Encoding.UTF8, "application/json")
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);

                using var response = await _http.SendAsync(request, token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                }

                if (attempt >= MaxAttempts)
                {
                    throw new HttpRequestException($"Chat completion failed after {attempt} attempts: {(int)response.StatusCode}");
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var seconds = 10;
                    if (response.Headers.TryGetValues("Retry-After", out var values)
                        && int.TryParse(values.FirstOrDefault(), out var parsed))
                    {
                        seconds = parsed;
                    }
                    await Task.Delay(TimeSpan.FromSeconds(seconds), token).ConfigureAwait(false);
                    continue;
                }

                if ((int)response.StatusCode >= 500)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), token).ConfigureAwait(false);
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                throw new HttpRequestException($"Gateway rejected request ({(int)response.StatusCode}): {body}");
            }
        }
    }
}
