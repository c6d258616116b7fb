// lang: latest
// expect: flagged
// shape: for loop posting a JSON chat request with StringContent, retrying whenever !IsSuccessStatusCode with a linear Task.Delay(1000 * attempt), and returning null after the last attempt.
using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Corpus.N02
{
    public class GatewayChatClient
    {
        private readonly HttpClient _httpClient;
        private readonly string _model;

        public GatewayChatClient(HttpClient httpClient, string model = "gpt-4o-mini")
        {
            _httpClient = httpClient;
            _model = model;
        }

        public async Task<string> AskAsync(string prompt, int maxRetries = 4)
        {
            var payload = new
            {
                model = _model,
                messages = new[] { new { role = "user", content = prompt } },
                temperature = 0.3,
            };
            string json = JsonSerializer.Serialize(payload);

            for (int attempt = 1; attempt <= maxRetries; attempt++)
            {
                var content = new StringContent(json, Encoding.UTF8, "application/json");
                var response = await _httpClient.PostAsync("v1/chat/completions", content);

                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    using var doc = JsonDocument.Parse(body);
                    return doc.RootElement
                        .GetProperty("choices")[0]
                        .GetProperty("message")
                        .GetProperty("content")
                        .GetString();
                }

                Console.WriteLine($"Request failed with {(int)response.StatusCode} ({response.ReasonPhrase}), attempt {attempt} of {maxRetries}");
                await Task.Delay(1000 * attempt);
            }

            return null;
        }
    }
}
