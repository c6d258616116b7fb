// lang: latest
// expect: flagged
// shape: Junior grammar-fix service posts to /v1/chat/completions with HttpClient and, when the response is not IsSuccessStatusCode, waits a constant 2 s and calls itself again with no depth limit, so 400/401/403 and sticky 429s recurse forever.
#nullable enable
using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N329
{
    public class GrammarFixService
    {
        private readonly HttpClient _http;
        private readonly ILogger<GrammarFixService> _logger;

        public GrammarFixService(HttpClient http, ILogger<GrammarFixService> logger)
        {
            _http = http; // BaseAddress + Authorization header are set in Program.cs
            _logger = logger;
        }

        public async Task<string> FixGrammarAsync(string text)
        {
            var payload = new
            {
                model = "gpt-4o-mini",
                temperature = 0,
                messages = new object[]
                {
                    new { role = "system", content = "Fix spelling and grammar. Return only the corrected text." },
                    new { role = "user", content = text },
                },
            };

            using var content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
            var response = await _http.PostAsync("v1/chat/completions", content);

            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsStringAsync();
                _logger.LogWarning("Gateway returned {StatusCode}: {Error}. Trying again...", (int)response.StatusCode, error);
                await Task.Delay(2000);
                return await FixGrammarAsync(text); // try again
            }

            var json = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(json);
            var fixedText = doc.RootElement
                .GetProperty("choices")[0]
                .GetProperty("message")
                .GetProperty("content")
                .GetString();

            return fixedText ?? text;
        }
    }
}
