// lang: 7.3
// expect: flagged
// shape: C# 7.3 for (var i = 1; i <= retries; i++) loop with a success flag set before break; the try posts and calls EnsureSuccessStatusCode, an unfiltered catch (HttpRequestException) logs and waits a constant 2 s, and the method returns null when the flag is still false.
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N47
{
    public class TicketTagger
    {
        private readonly HttpClient _client;
        private readonly int _retries;

        public TicketTagger(HttpClient client, int retries = 3)
        {
            _client = client;
            _retries = retries;
        }

        public async Task<string> SuggestTagsAsync(string ticketText)
        {
            string payload = "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"system\",\"content\":\"Return up to 5 comma separated tags.\"},{\"role\":\"user\",\"content\":\""
                + ticketText.Replace("\"", "'") + "\"}]}";

            string result = null;
            bool success = false;

            for (var i = 1; i <= _retries; i++)
            {
                try
                {
                    var response = await _client.PostAsync("/v1/chat/completions", new StringContent(payload, Encoding.UTF8, "application/json"));
                    response.EnsureSuccessStatusCode();
                    result = await response.Content.ReadAsStringAsync();
                    success = true;
                    break;
                }
                catch (HttpRequestException ex)
                {
                    Console.WriteLine("Tagging attempt " + i + " of " + _retries + " failed: " + ex.Message);
                    await Task.Delay(2000);
                }
            }

            if (!success)
            {
                Console.WriteLine("Giving up on tags for this ticket.");
                return null;
            }

            return result;
        }
    }
}
