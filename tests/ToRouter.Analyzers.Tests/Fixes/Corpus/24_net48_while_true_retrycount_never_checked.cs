// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework async while (true) whose retryCount is incremented but never tested; catch (Exception) logs, non-success statuses fall through, and the wait grows linearly with Task.Delay(1000 * retryCount).
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N24
{
    internal static class Log
    {
        public static void Write(string message)
        {
            Console.WriteLine(DateTime.Now.ToString("HH:mm:ss") + " " + message);
        }
    }

    public class ChatBotBackend
    {
        private readonly HttpClient _client;

        public ChatBotBackend(HttpClient client)
        {
            _client = client;
        }

        public async Task<string> GetReplyAsync(string conversationJson)
        {
            int retryCount = 0;

            while (true)
            {
                try
                {
                    var content = new StringContent(conversationJson, Encoding.UTF8, "application/json");
                    HttpResponseMessage resp = await _client.PostAsync("v1/chat/completions", content);
                    if (resp.IsSuccessStatusCode)
                    {
                        return await resp.Content.ReadAsStringAsync();
                    }

                    Log.Write("Chat backend returned " + (int)resp.StatusCode + " " + resp.ReasonPhrase);
                }
                catch (Exception ex)
                {
                    Log.Write("Chat backend error: " + ex);
                }

                retryCount++;
                await Task.Delay(1000 * retryCount);
            }
        }
    }
}
