// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework C# 7.3 async for loop over HttpClient.SendAsync with a fresh HttpRequestMessage per attempt; when the status is 429 or >= 500 it Thread.Sleeps inside the async method on a backoffMs that doubles without jitter and continues (no sticky-code check on 429), other failures throw with the body
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N171
{
    public sealed class LegacyChatProxy
    {
        private readonly HttpClient _client;
        private readonly int _maxAttempts;

        public LegacyChatProxy(HttpClient client, int maxAttempts = 4)
        {
            _client = client;
            _maxAttempts = maxAttempts;
        }

        public async Task<string> ForwardAsync(string requestJson, CancellationToken cancellationToken)
        {
            int backoffMs = 1000;

            for (int attempt = 1; attempt <= _maxAttempts; attempt++)
            {
                using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions"))
                {
                    request.Content = new StringContent(requestJson, Encoding.UTF8, "application/json");

                    using (var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false))
                    {
                        if (response.IsSuccessStatusCode)
                        {
                            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        }

                        int status = (int)response.StatusCode;
                        if ((status == 429 || status >= 500) && attempt < _maxAttempts)
                        {
                            Trace.WriteLine(string.Format("[LegacyChatProxy] HTTP {0} on attempt {1}, backing off {2} ms", status, attempt, backoffMs));
                            Thread.Sleep(backoffMs);
                            backoffMs *= 2;
                            continue;
                        }

                        string error = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        throw new HttpRequestException("Upstream returned " + status + ": " + error);
                    }
                }
            }

            throw new InvalidOperationException("Retry loop exited unexpectedly.");
        }
    }
}
