// lang: latest
// expect: quiet
// shape: Raw HttpClient POST to /v1/chat/completions that, when the gateway answers 400 saying max_tokens exceeds the model's context, halves max_tokens and re-sends a changed request (at most 3 rounds) and throws on every other failure; the request changes each round, so it is not a retry loop.
#nullable enable
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N290
{
    public sealed class ReportNarrator
    {
        private const int MinTokens = 256;
        private readonly HttpClient _http;

        public ReportNarrator(HttpClient http) => _http = http;

        public async Task<string> NarrateAsync(string model, string reportJson, int maxTokens, CancellationToken ct)
        {
            var request = new JsonObject
            {
                ["model"] = model,
                ["max_tokens"] = maxTokens,
                ["messages"] = new JsonArray
                {
                    new JsonObject { ["role"] = "system", ["content"] = "Turn the quarterly KPI JSON into a short narrative for executives." },
                    new JsonObject { ["role"] = "user", ["content"] = reportJson }
                }
            };

            for (int round = 0; round < 3; round++)
            {
                using HttpResponseMessage response = await _http.PostAsJsonAsync("v1/chat/completions", request, ct);
                string body = await response.Content.ReadAsStringAsync(ct);

                if (response.IsSuccessStatusCode)
                {
                    using var doc = JsonDocument.Parse(body);
                    return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
                }

                // Some models in the gateway's catalog have small output limits; the error tells us so.
                bool tokensTooLarge = response.StatusCode == HttpStatusCode.BadRequest
                                      && body.Contains("max_tokens", StringComparison.OrdinalIgnoreCase);
                if (!tokensTooLarge || maxTokens / 2 < MinTokens)
                    throw new HttpRequestException($"Chat completion failed: {(int)response.StatusCode} {body}", null, response.StatusCode);

                maxTokens /= 2;
                request["max_tokens"] = maxTokens; // different request next time round
                Console.WriteLine($"max_tokens rejected by {model}; retrying with {maxTokens}");
            }

            throw new InvalidOperationException($"Model {model} rejected every max_tokens value down to {maxTokens}.");
        }
    }
}
