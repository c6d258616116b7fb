// lang: latest
// expect: flagged
// shape: bounded for loop over PostAsync that reads the response body first and goes round again when the status is 429 or the body contains "rate_limit" (so it does read the body, but never looks for API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota), waiting an unjittered 2^i seconds; other failures throw with the body
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N126
{
    public interface IAppLog
    {
        void Info(string message);
        void Warn(string message);
    }

    public class CompletionProxy
    {
        private readonly HttpClient client;
        private readonly IAppLog log;
        private readonly int maxRetries;

        public CompletionProxy(HttpClient client, IAppLog log, int maxRetries = 5)
        {
            this.client = client;
            this.log = log;
            this.maxRetries = maxRetries;
        }

        public async Task<string> ForwardAsync(string payload)
        {
            for (int i = 0; i < maxRetries; i++)
            {
                var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using (var response = await client.PostAsync("v1/chat/completions", content))
                {
                    string body = await response.Content.ReadAsStringAsync();

                    if (response.IsSuccessStatusCode)
                    {
                        log.Info($"completion ok after {i + 1} attempt(s)");
                        return body;
                    }

                    bool rateLimited = (int)response.StatusCode == 429
                        || body.IndexOf("rate_limit", StringComparison.OrdinalIgnoreCase) >= 0;

                    if (!rateLimited)
                    {
                        throw new HttpRequestException($"upstream error {(int)response.StatusCode}: {body}");
                    }

                    int waitSeconds = (int)Math.Pow(2, i);
                    log.Warn($"rate limited ({body.Length} bytes of error), waiting {waitSeconds}s");
                    await Task.Delay(waitSeconds * 1000);
                }
            }

            throw new TimeoutException($"still rate limited after {maxRetries} attempts");
        }
    }
}
