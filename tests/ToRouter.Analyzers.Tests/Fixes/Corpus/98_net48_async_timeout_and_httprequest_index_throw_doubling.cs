// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework async for loop around PostAsync + EnsureSuccessStatusCode with catch (TaskCanceledException) for timeouts and an unfiltered catch (HttpRequestException) (so 4xx and sticky 429s are retried); both rethrow when i == maxRetries - 1 and otherwise await Task.Delay(delay) then delay *= 2 without jitter.
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N98
{
    public class IntranetAssistantClient
    {
        private readonly HttpClient _httpClient;
        private readonly int _maxRetries;

        public IntranetAssistantClient(HttpClient httpClient, int maxRetries)
        {
            _httpClient = httpClient;
            _maxRetries = maxRetries;
        }

        public async Task<string> AskAsync(string question)
        {
            string body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question.Replace("\"", "\\\"") + "\"}]}";
            int delay = 1000;

            for (int i = 0; i < _maxRetries; i++)
            {
                try
                {
                    using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
                    using (HttpResponseMessage response = await _httpClient.PostAsync("v1/chat/completions", content).ConfigureAwait(false))
                    {
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    }
                }
                catch (TaskCanceledException)
                {
                    if (i == _maxRetries - 1) throw;
                    Trace.TraceWarning("Request timed out, retry {0} in {1} ms", i + 1, delay);
                }
                catch (HttpRequestException ex)
                {
                    if (i == _maxRetries - 1) throw;
                    Trace.TraceWarning("Request failed: {0}; retry {1} in {2} ms", ex.Message, i + 1, delay);
                }

                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }

            throw new InvalidOperationException("No attempts were made.");
        }
    }
}
