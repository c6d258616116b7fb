// lang: latest
// expect: flagged
// shape: A raw HttpClient POST to /v1/chat/completions calls itself with retriesLeft - 1 after a constant 2 s delay whenever the status is 429 or 5xx (sticky quota 429s included), and when the budget hits zero it logs and returns an empty string instead of throwing.
#nullable enable
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N293
{
    public class SqlExplainerClient
    {
        private readonly HttpClient _httpClient;
        private readonly ILogger _logger;
        private readonly string _apiKey;

        public SqlExplainerClient(HttpClient httpClient, ILogger<SqlExplainerClient> logger, string apiKey)
        {
            _httpClient = httpClient;
            _logger = logger;
            _apiKey = apiKey;
        }

        public Task<string> ExplainQueryAsync(string sql)
        {
            var payload = new
            {
                model = "gpt-4o-mini",
                messages = new object[]
                {
                    new { role = "system", content = "Explain what this SQL query does in plain English, then point out performance problems." },
                    new { role = "user", content = sql }
                }
            };
            return SendAsync(JsonSerializer.Serialize(payload), retriesLeft: 3);
        }

        private async Task<string> SendAsync(string json, int retriesLeft)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example.com/v1/chat/completions");
            request.Headers.Add("Authorization", $"Bearer {_apiKey}");
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");

            using var response = await _httpClient.SendAsync(request);

            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                if (retriesLeft > 0)
                {
                    _logger.LogWarning("Gateway returned {Status}, {RetriesLeft} retries left", (int)response.StatusCode, retriesLeft);
                    await Task.Delay(2000);
                    return await SendAsync(json, retriesLeft - 1);
                }

                _logger.LogError("Gateway still failing with {Status}; giving up", (int)response.StatusCode);
                return string.Empty;
            }

            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
        }
    }
}
