// lang: 7.3
// expect: flagged
// shape: C# 7.3 synchronous do-while (!success && tries < 5) with a success flag; try block blocks on PostAsync(...).Result, catch (Exception e) logs and Thread.Sleep(2000), and the method returns the still-null result after the last attempt.
using System;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N29
{
    public class FaqAnswerJob
    {
        private readonly HttpClient _httpClient;
        private readonly string _url;

        public FaqAnswerJob(HttpClient httpClient, string url)
        {
            _httpClient = httpClient;
            _url = url;
        }

        public string GetAnswer(string question)
        {
            string payload = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question.Replace("\"", "'") + "\"}]}";
            string result = null;
            bool success = false;
            int tries = 0;

            do
            {
                tries++;
                try
                {
                    HttpResponseMessage response = _httpClient.PostAsync(_url, new StringContent(payload, Encoding.UTF8, "application/json")).Result;
                    response.EnsureSuccessStatusCode();
                    result = response.Content.ReadAsStringAsync().Result;
                    success = true;
                }
                catch (Exception e)
                {
                    Console.WriteLine("Error calling LLM (try " + tries + "): " + e.Message);
                    Thread.Sleep(2000);
                }
            } while (!success && tries < 5);

            return result;
        }
    }
}
