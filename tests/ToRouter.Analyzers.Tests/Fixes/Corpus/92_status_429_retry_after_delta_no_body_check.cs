// lang: latest
// expect: flagged
// shape: bounded for loop that checks (int)response.StatusCode == 429, waits response.Headers.RetryAfter?.Delta (fallback 5 s) and continues without reading the body for a sticky quota code; other failures go through EnsureSuccessStatusCode, and a TimeoutException is thrown after the loop.
using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N92;

public class EmbeddingBatchUploader
{
    private const int MaxRetries = 4;
    private readonly HttpClient _http;

    public EmbeddingBatchUploader(HttpClient http)
    {
        _http = http;
    }

    public async Task<string> EmbedAsync(string inputJsonArray, CancellationToken cancellationToken = default)
    {
        string payload = "{\"model\":\"text-embedding-3-small\",\"input\":" + inputJsonArray + "}";

        for (int retry = 0; retry <= MaxRetries; retry++)
        {
            using var content = new StringContent(payload, Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await _http.PostAsync("v1/embeddings", content, cancellationToken);

            if ((int)response.StatusCode == 429)
            {
                TimeSpan wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                Console.WriteLine($"429 from gateway, waiting {wait.TotalSeconds:0.#}s (retry {retry + 1}/{MaxRetries})");
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        throw new TimeoutException($"Still rate limited after {MaxRetries} retries.");
    }
}
