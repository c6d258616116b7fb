// lang: 7.3
// expect: flagged
// shape: synchronous goto-label retry; try block blocks on PostAsync(...).GetAwaiter().GetResult() and EnsureSuccessStatusCode, catch (Exception) rethrows after 3 tries and otherwise Thread.Sleep(1000) then goto retry.
using System;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N09
{
    public class LegacyTranslationService
    {
        private readonly HttpClient _http;

        public LegacyTranslationService(HttpClient http)
        {
            _http = http;
        }

        public string Translate(string text, string targetLanguage)
        {
            string body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Translate to "
                + targetLanguage + ": " + text.Replace("\"", "\\\"") + "\"}]}";
            int tries = 0;

        retry:
            try
            {
                HttpResponseMessage resp = _http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"))
                    .GetAwaiter().GetResult();
                resp.EnsureSuccessStatusCode();
                return resp.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                if (++tries > 3)
                {
                    throw;
                }

                Console.WriteLine(string.Format("Translate failed ({0}), retry #{1}", ex.Message, tries));
                Thread.Sleep(1000);
                goto retry;
            }
        }
    }
}
