// lang: 7.3
// expect: flagged
// shape: C# 7.3 synchronous for loop that blocks on HttpClient.PostAsync(...).Result and EnsureSuccessStatusCode; catch (Exception ex) writes "Retry {i}..." to the console and Thread.Sleep(2000) (a constant wait), and null is returned after the last attempt.
using System;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N97
{
    public class IntranetTranslationHelper
    {
        private static readonly HttpClient Client = new HttpClient { BaseAddress = new Uri("https://api.torouter.example/") };
        private const int MaxRetries = 3;

        public string Translate(string text, string language)
        {
            string json = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Translate to " + language + ": " + text.Replace("\"", "'") + "\"}]}";

            for (int i = 0; i < MaxRetries; i++)
            {
                try
                {
                    var content = new StringContent(json, Encoding.UTF8, "application/json");
                    HttpResponseMessage response = Client.PostAsync("v1/chat/completions", content).Result;
                    response.EnsureSuccessStatusCode();
                    return response.Content.ReadAsStringAsync().Result;
                }
                catch (Exception ex)
                {
                    Console.WriteLine(string.Format("Retry {0} of {1}: {2}", i + 1, MaxRetries, ex.Message));
                    Thread.Sleep(2000);
                }
            }

            return null;
        }
    }
}
