// lang: 7.3
// expect: flagged
// shape: C# 7.3 async for loop with a using (var response = await client.PostAsync(...)) block that, on StatusCode == (HttpStatusCode)429, blocks with Thread.Sleep(delay), doubles the delay without jitter and continues; other statuses go through EnsureSuccessStatusCode.
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N17
{
    public class AssistantGateway
    {
        private readonly HttpClient client;

        public AssistantGateway(HttpClient client)
        {
            this.client = client;
        }

        public async Task<string> SendAsync(string requestBody)
        {
            int delay = 1000;

            for (int attempt = 0; attempt < 5; attempt++)
            {
                var content = new StringContent(requestBody, Encoding.UTF8, "application/json");
                using (var response = await client.PostAsync("v1/chat/completions", content).ConfigureAwait(false))
                {
                    if (response.StatusCode == (HttpStatusCode)429)
                    {
                        Console.WriteLine("Too many requests, waiting " + delay + "ms");
                        Thread.Sleep(delay);
                        delay *= 2;
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
            }

            throw new HttpRequestException("Too many requests after 5 attempts");
        }
    }
}
