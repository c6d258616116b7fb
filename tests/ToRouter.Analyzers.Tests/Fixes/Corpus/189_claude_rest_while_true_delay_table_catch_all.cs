// lang: latest
// expect: flagged
// shape: HttpClient extension PostJsonWithRepeatAsync for the Anthropic Messages REST endpoint: while (true) with catch (OperationCanceledException) { throw; } followed by catch (Exception) that rethrows once ++attempts reaches maxAttempts and otherwise waits the next entry of a fixed 1/3/5/5/10 s table; the try calls EnsureSuccessStatusCode, so 400/401/403/404 and sticky quota 429s are retried like 5xx
using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N189
{
    internal static class RepeatingHttp
    {
        private static readonly TimeSpan[] Delays =
        {
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(10)
        };

        internal static async Task<HttpResponseMessage> PostJsonWithRepeatAsync(this HttpClient client, string requestUri, string json, string apiKey, int maxAttempts = 5, CancellationToken cancellationToken = default)
        {
            var attempts = 0;
            while (true)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, requestUri)
                    {
                        Content = new StringContent(json, Encoding.UTF8, "application/json")
                    };
                    request.Headers.Add("x-api-key", apiKey);
                    request.Headers.Add("anthropic-version", "2023-06-01");

                    var response = await client.SendAsync(request, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return response;
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception)
                {
                    if (++attempts >= maxAttempts)
                    {
                        throw;
                    }

                    await Task.Delay(Delays[attempts < Delays.Length ? attempts : Delays.Length - 1], cancellationToken);
                }
            }
        }
    }

    public sealed class ClaudeTitleGenerator
    {
        private readonly HttpClient _client;
        private readonly string _apiKey;

        public ClaudeTitleGenerator(HttpClient client, string apiKey)
        {
            _client = client;
            _apiKey = apiKey;
        }

        public async Task<string> SuggestTitleAsync(string conversationExcerpt, CancellationToken cancellationToken = default)
        {
            var json = JsonSerializer.Serialize(new
            {
                model = "claude-sonnet-4-5",
                max_tokens = 32,
                messages = new[] { new { role = "user", content = "Give a 3-6 word title for this chat:\n\n" + conversationExcerpt } }
            });

            using var response = await _client.PostJsonWithRepeatAsync("v1/messages", json, _apiKey, cancellationToken: cancellationToken);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return doc.RootElement.GetProperty("content")[0].GetProperty("text").GetString();
        }
    }
}
