// lang: latest
// expect: flagged
// shape: bounded for loop whose attempt goes through a private helper returning a GatewayResult record struct (Ok, Status, Body); the loop retries whenever !result.Ok (so 400/401/403/404 and sticky quota 429s are retried), waiting (250 << attempt) ms plus Random.Shared jitter, and throws with the last status on the final attempt; K&R braces
using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N180 {

    public readonly record struct GatewayResult(bool Ok, int Status, string Body);

    public class IntentClassifier {
        private readonly HttpClient _http;
        private readonly ILogger<IntentClassifier> _log;
        private readonly int _maxAttempts;

        public IntentClassifier(HttpClient http, ILogger<IntentClassifier> log, int maxAttempts = 5) {
            _http = http;
            _log = log;
            _maxAttempts = maxAttempts;
        }

        public async Task<string> ClassifyAsync(string utterance, CancellationToken ct) {
            var json = JsonSerializer.Serialize(new {
                model = "gpt-4o-mini",
                messages = new[] {
                    new { role = "system", content = "Classify the intent as one of: order_status, refund, complaint, other." },
                    new { role = "user", content = utterance },
                },
                max_tokens = 5,
            });

            for (var attempt = 0; attempt < _maxAttempts; attempt++) {
                var result = await PostAsync("v1/chat/completions", json, ct);
                if (result.Ok) {
                    return result.Body;
                }

                if (attempt == _maxAttempts - 1) {
                    throw new HttpRequestException($"Intent classification failed with {result.Status}: {result.Body}");
                }

                var delayMs = (250 << attempt) + Random.Shared.Next(0, 250);
                _log.LogWarning("Gateway returned {Status}; retry {Attempt} in {Delay} ms", result.Status, attempt + 1, delayMs);
                await Task.Delay(delayMs, ct);
            }

            throw new InvalidOperationException("unreachable");
        }

        private async Task<GatewayResult> PostAsync(string path, string json, CancellationToken ct) {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(path, content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return new GatewayResult(response.IsSuccessStatusCode, (int)response.StatusCode, body);
        }
    }
}
