// lang: 7.3
// expect: flagged
// shape: C# 7.3 for loop whose catch (Exception) only logs, followed by a Task.Delay(TimeSpan.FromSeconds(i + 1)) after the try statement (linear growth), and a final un-caught attempt placed after the loop so the last failure propagates.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Corpus.N74
{
    public static class PromptTemplateDownloader
    {
        private const int MaxRetryCount = 3;

        public static async Task<string> DownloadTemplateAsync(HttpClient client, string templateName)
        {
            string url = "v1/prompts/" + Uri.EscapeDataString(templateName) + "/render";

            for (int i = 0; i < MaxRetryCount; i++)
            {
                try
                {
                    return await client.GetStringAsync(url);
                }
                catch (Exception ex)
                {
                    // swallow and retry; the final attempt below will surface the error
                    Console.WriteLine("Attempt {0} failed: {1}", i + 1, ex.Message);
                }

                await Task.Delay(TimeSpan.FromSeconds(i + 1));
            }

            // last chance, let it throw
            return await client.GetStringAsync(url);
        }
    }
}
