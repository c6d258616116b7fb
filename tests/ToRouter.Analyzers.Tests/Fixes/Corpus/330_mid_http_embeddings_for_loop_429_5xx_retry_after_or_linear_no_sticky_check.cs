// lang: latest
// expect: flagged
// shape: Mid-level HttpClient embeddings call makes up to five attempts, throws on other 4xx, but retries every 429 (and 5xx) after Retry-After or a linear 2 s * attempt fallback without ever reading the body for API_KEY_QUOTA_EXHAUSTED/USAGE_LIMIT_EXCEEDED.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N330
{
    public sealed class GatewayEmbeddingsClient(HttpClient http, ILogger<GatewayEmbeddingsClient> logger)
    {
        private const int MaxAttempts = 5;

        public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> inputs, CancellationToken ct)
        {
            var request = new EmbeddingRequest("text-embedding-3-small", inputs);
            var sw = Stopwatch.StartNew();
            HttpStatusCode lastStatus = default;

            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                using var response = await http.PostAsJsonAsync("v1/embeddings", request, ct);
                lastStatus = response.StatusCode;

                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(cancellationToken: ct);
                    logger.LogInformation("Embedded {Count} inputs in {Ms} ms after {Attempt} attempt(s)", inputs.Count, sw.ElapsedMilliseconds, attempt);
                    return body!.Data.ConvertAll(d => d.Embedding);
                }

                var status = (int)response.StatusCode;
                if (status != 429 && status < 500)
                {
                    var error = await response.Content.ReadAsStringAsync(ct);
                    throw new HttpRequestException($"Embeddings request rejected ({status}): {error}", null, response.StatusCode);
                }

                // throttled or server trouble: honour Retry-After when the gateway sends it
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2 * attempt);
                logger.LogWarning("Embeddings attempt {Attempt}/{Max} got {Status}; waiting {Wait}", attempt, MaxAttempts, status, wait);

                if (attempt < MaxAttempts)
                {
                    await Task.Delay(wait, ct);
                }
            }

            throw new HttpRequestException($"Embeddings still failing after {MaxAttempts} attempts (last status {(int)lastStatus})", null, lastStatus);
        }

        private sealed record EmbeddingRequest(
            [property: JsonPropertyName("model")] string Model,
            [property: JsonPropertyName("input")] IReadOnlyList<string> Input);

        private sealed class EmbeddingResponse
        {
            [JsonPropertyName("data")] public List<EmbeddingItem> Data { get; set; } = new();
        }

        private sealed class EmbeddingItem
        {
            [JsonPropertyName("embedding")] public float[] Embedding { get; set; } = Array.Empty<float>();
        }
    }
}
