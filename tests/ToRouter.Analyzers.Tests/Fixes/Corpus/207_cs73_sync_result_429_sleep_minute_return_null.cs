// lang: 7.3
// expect: flagged
// shape: C# 7.3 synchronous for (i < 5) loop that blocks on HttpClient.PostAsync(...).Result; StatusCode == OK returns the parsed text, (int)StatusCode == 429 prints to Console and Thread.Sleeps a constant 60 s before going round (error body never read, sticky quota 429s retried), any other status prints and returns null, and after the fifth 429 the method falls out of the loop and returns null
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace Corpus.N207
{
    public class SubtitleTranslator
    {
        private static readonly HttpClient Client = new HttpClient { BaseAddress = new Uri("https://api.torouter.example/") };

        public SubtitleTranslator(string apiKey)
        {
            if (!Client.DefaultRequestHeaders.Contains("Authorization"))
                Client.DefaultRequestHeaders.Add("Authorization", "Bearer " + apiKey);
        }

        public string Translate(string line, string targetLanguage)
        {
            var payload = JsonSerializer.Serialize(new
            {
                model = "gpt-4o-mini",
                messages = new[]
                {
                    new { role = "system", content = "Translate subtitles to " + targetLanguage + ". Keep it short." },
                    new { role = "user", content = line }
                }
            });

            for (int i = 0; i < 5; i++)
            {
                var response = Client.PostAsync("v1/chat/completions", new StringContent(payload, Encoding.UTF8, "application/json")).Result;

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var json = response.Content.ReadAsStringAsync().Result;
                    return ExtractContent(json);
                }

                if ((int)response.StatusCode == 429)
                {
                    Console.WriteLine("Too many requests, sleeping 60 seconds...");
                    Thread.Sleep(60000);
                    continue;
                }

                Console.WriteLine("Translation failed: " + response.StatusCode);
                return null;
            }

            return null;
        }

        private static string ExtractContent(string json)
        {
            using (var doc = JsonDocument.Parse(json))
            {
                return doc.RootElement.GetProperty("choices")[0]
                    .GetProperty("message")
                    .GetProperty("content")
                    .GetString();
            }
        }
    }
}
