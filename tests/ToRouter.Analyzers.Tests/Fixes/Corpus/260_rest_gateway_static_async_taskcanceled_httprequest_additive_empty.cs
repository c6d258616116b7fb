// lang: latest
// expect: flagged
// shape: a static async REST helper makes up to four SendAsync+EnsureSuccessStatusCode attempts under an unfiltered catch (HttpRequestException), so 401/403/404 and sticky 429s are re-sent, waits delay += 2000 ms (linear) and returns string.Empty after the last failure.
#nullable enable
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N260
{
    public static class RestGateway
    {
        private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

        public static string? DefaultApiKey { get; set; }

        public static Task<string> PostChatAsync(string baseUrl, string json, CancellationToken ct = default) =>
            PostJsonAsync(baseUrl.TrimEnd('/') + "/v1/chat/completions", json, DefaultApiKey, ct);

        public static async Task<string> PostJsonAsync(string url, string json, string? apiKey, CancellationToken ct = default)
        {
            int delay = 1000;
            int attempt = 0;
            var timer = Stopwatch.StartNew();

            while (attempt < 4)
            {
                attempt++;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url)
                    {
                        Content = new StringContent(json, Encoding.UTF8, "application/json"),
                    };
                    if (!string.IsNullOrEmpty(apiKey))
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

                    using var response = await s_http.SendAsync(request, ct).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    Debug.WriteLine($"RestGateway: {url} timed out (attempt {attempt})");
                }
                catch (HttpRequestException ex)
                {
                    Debug.WriteLine($"RestGateway: {url} failed (attempt {attempt}, {ex.StatusCode}): {ex.Message}");
                }

                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay += 2000;
            }

            Debug.WriteLine($"RestGateway: giving up on {url} after {timer.Elapsed}");
            return string.Empty;
        }
    }
}
