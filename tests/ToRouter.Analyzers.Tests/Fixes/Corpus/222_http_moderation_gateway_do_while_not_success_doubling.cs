// lang: latest
// expect: flagged
// shape: Comment-moderation service posts to the gateway with raw HttpClient in a do/while that re-sends on any !IsSuccessStatusCode (401/403/404 and sticky 429 included) with a doubling, unjittered delay, then calls EnsureSuccessStatusCode on the last response.
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N222
{
    public sealed class CommentModerationService
    {
        private readonly HttpClient _http;
        private readonly ILogger<CommentModerationService> _logger;
        private readonly string _model;

        public CommentModerationService(HttpClient http, ILogger<CommentModerationService> logger, string model = "gpt-4o-mini")
        {
            _http = http;
            _logger = logger;
            _model = model;
        }

        public async Task<bool> IsAllowedAsync(string commentId, string text, CancellationToken ct = default)
        {
            var payload = new
            {
                model = _model,
                messages = new object[]
                {
                    new { role = "system", content = "Reply ALLOW or BLOCK. Block spam, slurs and personal data." },
                    new { role = "user", content = text },
                },
                max_tokens = 5,
            };

            HttpResponseMessage response;
            var attempt = 0;
            var delay = TimeSpan.FromMilliseconds(500);

            do
            {
                attempt++;
                response = await _http.PostAsJsonAsync("v1/chat/completions", payload, ct);
                if (response.IsSuccessStatusCode)
                    break;

                var error = await response.Content.ReadAsStringAsync(ct);
                _logger.LogWarning("Moderation of {CommentId} failed with {Status} (attempt {Attempt}): {Body}",
                    commentId, (int)response.StatusCode, attempt, error);
                response.Dispose();

                await Task.Delay(delay, ct);
                delay *= 2;
            }
            while (attempt < 4);

            response.EnsureSuccessStatusCode();

            using (response)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
                var verdict = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
                return !string.Equals(verdict?.Trim(), "BLOCK", StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
