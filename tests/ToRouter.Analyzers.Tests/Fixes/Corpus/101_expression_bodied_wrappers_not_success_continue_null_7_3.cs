// lang: 7.3
// expect: flagged
// shape: C# 7.3 expression-bodied public wrappers around a private SendWithRetryAsync whose for loop returns the body on success, logs and continues after a linear Task.Delay(500 * attempt) whenever !response.IsSuccessStatusCode (4xx included), retries timeouts via catch (TaskCanceledException) when (!ct.IsCancellationRequested), and returns null after the last attempt.
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N101
{
    public class ChatGatewayFacade
    {
        private const int MaxAttempts = 3;
        private readonly HttpClient _http;

        public ChatGatewayFacade(HttpClient http)
        {
            _http = http;
        }

        public Task<string> SummarizeAsync(string text, CancellationToken ct = default(CancellationToken)) =>
            SendWithRetryAsync(BuildBody("Summarize in three sentences.", text), ct);

        public Task<string> ClassifySentimentAsync(string text, CancellationToken ct = default(CancellationToken)) =>
            SendWithRetryAsync(BuildBody("Answer positive, negative or neutral.", text), ct);

        private static string BuildBody(string system, string user) =>
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"" + system
            + "\"},{\"role\":\"user\",\"content\":\"" + user.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}]}";

        private async Task<string> SendWithRetryAsync(string body, CancellationToken ct)
        {
            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                try
                {
                    using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
                    using (HttpResponseMessage response = await _http.PostAsync("v1/chat/completions", content, ct).ConfigureAwait(false))
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            Debug.WriteLine("Gateway returned " + (int)response.StatusCode + " on attempt " + attempt);
                            await Task.Delay(500 * attempt, ct).ConfigureAwait(false);
                            continue;
                        }

                        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    }
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    Debug.WriteLine("Gateway timed out on attempt " + attempt);
                    await Task.Delay(500 * attempt, ct).ConfigureAwait(false);
                }
            }

            return null;
        }
    }
}
