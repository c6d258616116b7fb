// lang: latest
// expect: flagged
// shape: for (i < 3) loop whose try posts a chat request and, when (int)StatusCode == 429, waits a linear 700 ms * (i + 1) and continues without reading the error body (sticky quota 429s retried), then calls EnsureSuccessStatusCode; an unfiltered catch (Exception) keeps lastEx and waits a linear 500 ms * (i + 1), so 400/401/403/404 are retried too; throws an HttpRequestException with the last message after the loop
using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Corpus.N188
{
    public sealed class ProductCopyWriter
    {
        private readonly HttpClient _http;
        private readonly string _model;

        public ProductCopyWriter(HttpClient http, string model = "gpt-4o-mini")
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _model = model;
        }

        public async Task<string> WriteDescriptionAsync(string productName, string features)
        {
            var payload = new
            {
                model = _model,
                temperature = 0.7,
                messages = new object[]
                {
                    new { role = "system", content = "You write short, friendly product descriptions for an online shop. Max 80 words." },
                    new { role = "user", content = $"Product: {productName}\nFeatures:\n{features}" }
                }
            };

            var json = JsonSerializer.Serialize(payload);
            var body = await PostWithRetriesAsync("v1/chat/completions", json);

            using var doc = JsonDocument.Parse(body);
            return doc.RootElement
                .GetProperty("choices")[0]
                .GetProperty("message")
                .GetProperty("content")
                .GetString()
                ?.Trim();
        }

        // ----- http + retries -----
        private async Task<string> PostWithRetriesAsync(string path, string json)
        {
            Exception lastEx = null;
            for (int i = 0; i < 3; i++)
            {
                try
                {
                    using var content = new StringContent(json, Encoding.UTF8, "application/json");
                    using var resp = await _http.PostAsync(path, content);
                    if ((int)resp.StatusCode == 429)
                    {
                        await Task.Delay(700 * (i + 1));
                        continue;
                    }
                    resp.EnsureSuccessStatusCode();
                    return await resp.Content.ReadAsStringAsync();
                }
                catch (Exception ex)
                {
                    lastEx = ex;
                    await Task.Delay(500 * (i + 1));
                }
            }
            throw new HttpRequestException($"LLM request failed: {lastEx?.Message}");
        }
    }
}
