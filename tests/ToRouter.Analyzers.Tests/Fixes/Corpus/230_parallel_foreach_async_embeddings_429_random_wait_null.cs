// lang: latest
// expect: flagged
// shape: Catalog import fans out with Parallel.ForEachAsync and each product's local function retries GenerateEmbeddingAsync on any 429 (sticky quota codes included) with a random 0.5-1.5 s wait, then returns null so the product is silently stored without a vector.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N230
{
    public sealed record Product(string Sku, string Title, string Description);

    public sealed class CatalogEmbeddingImporter(EmbeddingClient embeddings, ILogger<CatalogEmbeddingImporter> logger)
    {
        public int MaxDegreeOfParallelism { get; init; } = 8;

        public async Task<IReadOnlyDictionary<string, float[]?>> ImportAsync(IEnumerable<Product> products, CancellationToken ct)
        {
            var vectors = new ConcurrentDictionary<string, float[]?>();
            var throttled = 0;

            await Parallel.ForEachAsync(
                products,
                new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = ct },
                async (product, token) =>
                {
                    vectors[product.Sku] = await EmbedAsync($"{product.Title}\n\n{product.Description}", token);
                });

            logger.LogInformation("Embedded {Count} products, {Throttled} throttled responses", vectors.Count, throttled);
            return vectors;

            async Task<float[]?> EmbedAsync(string text, CancellationToken token)
            {
                for (var i = 0; i < 5; i++)
                {
                    try
                    {
                        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync(text, cancellationToken: token);
                        return embedding.ToFloats().ToArray();
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        Interlocked.Increment(ref throttled);
                        await Task.Delay(Random.Shared.Next(500, 1500), token);
                    }
                }

                return null;
            }
        }
    }
}
