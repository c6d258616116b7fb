// lang: latest
// expect: flagged
// shape: Azure OpenAI product vectorizer retries by recursion on `ex is ClientResultException or HttpRequestException or TimeoutException` with a jittered capped backoff from a shared helper, but the ClientResultException arm is not narrowed by status, so 400/401/403/404 and sticky 429s are retried as well.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Embeddings;

namespace Corpus.N272;

public sealed record RetrySettings
{
    public int MaxAttempts { get; init; } = 5;
    public int BaseDelayMs { get; init; } = 400;
    public int MaxDelayMs { get; init; } = 10_000;
}

public sealed record Product(string Sku, string Name, string Description);

public static class ResilienceHelpers
{
    public static TimeSpan Backoff(int attempt, RetrySettings s)
    {
        var exp = (int)Math.Min(s.MaxDelayMs, s.BaseDelayMs * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.Next(exp / 2, exp + 1));
    }
}

public sealed class ProductVectorizer(AzureOpenAIClient azure, IOptions<RetrySettings> retry, ILogger<ProductVectorizer> logger)
{
    private readonly EmbeddingClient _embeddings = azure.GetEmbeddingClient("text-embedding-3-small");

    public Task<IReadOnlyList<ReadOnlyMemory<float>>> VectorizeAsync(IReadOnlyList<Product> products, CancellationToken ct = default) =>
        VectorizeCoreAsync(products.Select(p => $"{p.Name}\n{p.Description}").ToArray(), attempt: 0, ct);

    private async Task<IReadOnlyList<ReadOnlyMemory<float>>> VectorizeCoreAsync(string[] inputs, int attempt, CancellationToken ct)
    {
        try
        {
            OpenAIEmbeddingCollection result = await _embeddings.GenerateEmbeddingsAsync(
                inputs, new EmbeddingGenerationOptions { Dimensions = 512 }, ct);
            return result.Select(e => e.ToFloats()).ToList();
        }
        catch (Exception ex) when (ex is ClientResultException or HttpRequestException or TimeoutException)
        {
            var settings = retry.Value;
            if (attempt + 1 >= settings.MaxAttempts)
            {
                logger.LogError(ex, "Vectorizing {Count} products failed after {Attempts} attempts", inputs.Length, attempt + 1);
                throw;
            }

            var delay = ResilienceHelpers.Backoff(attempt, settings);
            logger.LogWarning("Embedding call failed ({Error}); attempt {Attempt} retrying in {Delay}",
                ex.GetType().Name, attempt + 1, delay);
            await Task.Delay(delay, ct);
            return await VectorizeCoreAsync(inputs, attempt + 1, ct);
        }
    }
}
