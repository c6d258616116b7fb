// lang: latest
// expect: flagged
// shape: LINQ-driven batch embedding (Chunk + Select(async ...) + Task.WhenAll); each chunk's async lambda runs a bounded for loop around EmbeddingClient.GenerateEmbeddingsAsync with an unfiltered catch (ClientResultException) (4xx retried too), a linear Task.Delay(1500 * attempt), and falls out to a placeholder of empty vectors after the last attempt
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N118
{
    public sealed record DocumentChunk(string Id, string Text);

    public sealed class ChunkIndexer
    {
        private const int BatchSize = 64;
        private const int MaxAttempts = 4;

        private readonly EmbeddingClient _embeddings;
        private readonly ILogger<ChunkIndexer> _logger;

        public ChunkIndexer(EmbeddingClient embeddings, ILogger<ChunkIndexer> logger)
        {
            _embeddings = embeddings;
            _logger = logger;
        }

        public async Task<Dictionary<string, float[]>> IndexAsync(IReadOnlyList<DocumentChunk> chunks)
        {
            var batches = await Task.WhenAll(
                chunks.Chunk(BatchSize).Select(async (batch, index) =>
                {
                    for (var attempt = 1; attempt <= MaxAttempts; attempt++)
                    {
                        try
                        {
                            var result = await _embeddings.GenerateEmbeddingsAsync(batch.Select(c => c.Text));
                            return batch.Zip(result.Value, (c, e) => (c.Id, Vector: e.ToFloats().ToArray())).ToArray();
                        }
                        catch (ClientResultException ex)
                        {
                            _logger.LogWarning(ex, "Embedding batch {Batch} failed (attempt {Attempt}/{Max}), status {Status}",
                                index, attempt, MaxAttempts, ex.Status);
                            await Task.Delay(1500 * attempt);
                        }
                    }

                    return batch.Select(c => (c.Id, Vector: Array.Empty<float>())).ToArray();
                }));

            return batches.SelectMany(b => b).ToDictionary(x => x.Id, x => x.Vector);
        }
    }
}
