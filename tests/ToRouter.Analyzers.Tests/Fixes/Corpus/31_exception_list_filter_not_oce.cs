// lang: latest
// expect: flagged
// shape: for loop collecting failures in a List<Exception>; the catch (Exception ex) when (!(ex is OperationCanceledException)) filter does not narrow the failure kind, waits grow linearly (200 * (i + 1) ms), and an AggregateException is thrown after the loop.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N31
{
    public static class Retry
    {
        public static async Task<string> GetWithRetriesAsync(HttpClient http, string url, int maxRetries = 5, CancellationToken ct = default)
        {
            var exceptions = new List<Exception>();

            for (var i = 0; i < maxRetries; i++)
            {
                try
                {
                    using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    exceptions.Add(ex);
                    await Task.Delay(200 * (i + 1), ct).ConfigureAwait(false);
                }
            }

            throw new AggregateException($"GET {url} failed {maxRetries} times", exceptions);
        }
    }

    public class PromptTemplateStore
    {
        private readonly HttpClient _http;

        public PromptTemplateStore(HttpClient http) => _http = http;

        public Task<string> LoadAsync(string name, CancellationToken ct) =>
            Retry.GetWithRetriesAsync(_http, $"prompts/{Uri.EscapeDataString(name)}.txt", ct: ct);
    }
}
