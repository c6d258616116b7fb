// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework glossary translator posts to the gateway's /v1/chat/completions with a static HttpClient and EnsureSuccessStatusCode inside a bounded jittered-exponential for loop that catches every HttpRequestException (so 400/401/403/404 and sticky 429s are retried alike), then returns null after the last attempt instead of throwing.
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Corpus.N321
{
    public class GlossaryTranslator
    {
        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        private static readonly Random Rng = new Random();
        private static readonly Regex ContentRegex =
            new Regex("\"content\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Compiled);

        private readonly string _endpoint;
        private readonly string _apiKey;
        private readonly string _model;

        public GlossaryTranslator(string endpoint, string apiKey, string model)
        {
            _endpoint = endpoint.TrimEnd('/');
            _apiKey = apiKey;
            _model = model;
        }

        /// <returns>The translated term, or null if the service could not be reached.</returns>
        public async Task<string> TranslateTermAsync(string term, string usageContext, string targetLanguage)
        {
            string system = "You translate terminology for a medical device manual into " + targetLanguage +
                            ". Reply with the translated term only.";
            string user = "Term: " + term + "\nUsed in: " + usageContext;
            string json = "{\"model\":\"" + Escape(_model) + "\",\"temperature\":0,\"messages\":[" +
                          "{\"role\":\"system\",\"content\":\"" + Escape(system) + "\"}," +
                          "{\"role\":\"user\",\"content\":\"" + Escape(user) + "\"}]}";

            string content = null;
            for (int i = 0; i < 4; i++)
            {
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Post, _endpoint + "/v1/chat/completions"))
                    {
                        request.Headers.Add("Authorization", "Bearer " + _apiKey);
                        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                        using (var response = await Http.SendAsync(request).ConfigureAwait(false))
                        {
                            response.EnsureSuccessStatusCode();
                            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            Match m = ContentRegex.Match(body);
                            content = m.Success ? Regex.Unescape(m.Groups[1].Value).Trim() : string.Empty;
                            break;
                        }
                    }
                }
                catch (HttpRequestException ex)
                {
                    int delay = (int)(Math.Pow(2, i) * 1000) + Rng.Next(0, 1000);
                    Trace.TraceWarning("Glossary translation of '{0}' failed ({1}); retrying in {2} ms", term, ex.Message, delay);
                    await Task.Delay(delay).ConfigureAwait(false);
                }
            }

            return content; // null when every attempt failed; the caller shows the source term
        }

        private static string Escape(string s)
        {
            return s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r");
        }
    }
}
