// lang: latest
// expect: flagged
// shape: a synchronous static helper calls HttpClient.PostAsync(...).Result inside while (retries-- > 0), retries every non-success status (401/404/sticky 429 included) and sleeps a doubling delay with no jitter before throwing.
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace Corpus.N250
{
    public static class ChatGatewayClient
    {
        private static readonly HttpClient Http = new HttpClient
        {
            BaseAddress = new Uri("http://localhost:5100/"),
            Timeout = TimeSpan.FromSeconds(90),
        };

        static ChatGatewayClient()
        {
            var key = Environment.GetEnvironmentVariable("TOROUTER_API_KEY") ?? "";
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        // Called from the WinForms "Suggest reply" button and from the import tool.
        public static string Complete(string model, string prompt)
        {
            var body = JsonSerializer.Serialize(new
            {
                model,
                messages = new[] { new { role = "user", content = prompt } },
                max_tokens = 512,
            });

            int retries = 4;
            int delayMs = 500;
            HttpResponseMessage response = null;

            while (retries-- > 0)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                response = Http.PostAsync("v1/chat/completions", content).Result;

                if (response.IsSuccessStatusCode)
                {
                    var json = response.Content.ReadAsStringAsync().Result;
                    using var doc = JsonDocument.Parse(json);
                    return doc.RootElement.GetProperty("choices")[0]
                        .GetProperty("message").GetProperty("content").GetString() ?? "";
                }

                Console.WriteLine($"[{DateTime.Now:T}] gateway returned {(int)response.StatusCode} {response.ReasonPhrase}, {retries} retries left");
                response.Dispose();

                Thread.Sleep(delayMs);
                delayMs *= 2;
            }

            throw new InvalidOperationException("Chat completion failed after retries, last status: " + response?.StatusCode);
        }
    }
}
