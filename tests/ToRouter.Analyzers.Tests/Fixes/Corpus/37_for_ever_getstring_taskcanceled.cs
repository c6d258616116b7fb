// lang: latest
// expect: flagged
// shape: for (;;) loop around HttpClient.GetStringAsync with catch (HttpRequestException) and catch (TaskCanceledException) that both retry forever with a capped 100 ms << n backoff and no jitter.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N37
{
    public sealed class ModelHealthProbe
    {
        private readonly HttpClient _client;

        public ModelHealthProbe(HttpClient client)
        {
            _client = client;
        }

        public async Task<string> FetchModelInfoAsync(string modelId, CancellationToken ct)
        {
            int n = 0;
            for (;;)
            {
                try
                {
                    return await _client.GetStringAsync($"v1/models/{modelId}", ct);
                }
                catch (HttpRequestException e)
                {
                    Console.WriteLine($"[{modelId}] request error: {e.Message}");
                }
                catch (TaskCanceledException)
                {
                    Console.WriteLine($"[{modelId}] timed out");
                }

                int delay = Math.Min(100 << Math.Min(n, 10), 30_000);
                n++;
                await Task.Delay(delay, ct);
            }
        }
    }
}
