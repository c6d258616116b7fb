// lang: latest
// expect: flagged
// shape: HttpClient RAG reranker posts to /v1/embeddings in a bounded for(;;) loop that retries when the status matches `TooManyRequests or >= InternalServerError`, with capped full-jitter exponential delay, but only logs the error body, so API_KEY_QUOTA_EXHAUSTED and USAGE_LIMIT_EXCEEDED 429s are retried like ordinary rate limits.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N315;

public sealed class EmbeddingReranker(HttpClient http, ILogger<EmbeddingReranker> logger)
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<(string Text, double Score)>> RerankAsync(
        string query, IReadOnlyList<string> candidates, CancellationToken ct)
    {
        var inputs = new List<string>(candidates.Count + 1) { query };
        inputs.AddRange(candidates);

        var vectors = await EmbedAsync(inputs, ct);
        var q = vectors[0];
        return candidates
            .Select((text, i) => (Text: text, Score: Cosine(q, vectors[i + 1])))
            .OrderByDescending(x => x.Score)
            .ToList();
    }

    private async Task<float[][]> EmbedAsync(List<string> inputs, CancellationToken ct)
    {
        var payload = new { model = "text-embedding-3-small", input = inputs };

        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("v1/embeddings", payload, ct);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(cancellationToken: ct);
                return body!.Data.OrderBy(d => d.Index).Select(d => d.Embedding).ToArray();
            }

            var status = response.StatusCode;
            var error = await response.Content.ReadAsStringAsync(ct);
            if (status is not (HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError) || attempt + 1 >= MaxAttempts)
                throw new HttpRequestException($"Embedding request failed with {(int)status}: {error}", null, status);

            var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, attempt));
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
            logger.LogWarning("Embeddings returned {Status} ({Error}); retry {Attempt} in {Delay}", (int)status, error, attempt + 1, delay);
            await Task.Delay(delay, ct);
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / (Math.Sqrt(na) * Math.Sqrt(nb) + 1e-9);
    }

    private sealed record EmbeddingResponse(List<EmbeddingItem> Data);
    private sealed record EmbeddingItem(int Index, float[] Embedding);
}
