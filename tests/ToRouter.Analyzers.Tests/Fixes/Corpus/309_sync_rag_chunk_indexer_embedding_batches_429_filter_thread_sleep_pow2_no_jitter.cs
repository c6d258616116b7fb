// lang: latest
// expect: flagged
// shape: Synchronous RAG indexer embeds document chunks in batches with EmbeddingClient.GenerateEmbeddings inside a for loop that catches ClientResultException when Status == 429 and Thread.Sleeps 2^attempt seconds; it retries sticky API_KEY_QUOTA_EXHAUSTED/USAGE_LIMIT_EXCEEDED 429s and the exponential wait has no jitter.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N309
{
    public sealed record DocumentChunk(string DocumentId, int Ordinal, string Text, string SourceUrl);

    public interface IVectorIndex
    {
        void Upsert(string id, ReadOnlyMemory<float> vector, IReadOnlyDictionary<string, string> metadata);
    }

    /// <summary>
    /// Runs from the nightly ingestion console job (no async there, it is a plain Main with a progress bar).
    /// </summary>
    public sealed class ChunkIndexer
    {
        private const int BatchSize = 64;
        private const int MaxAttempts = 5;

        private readonly EmbeddingClient _embeddings;
        private readonly IVectorIndex _index;
        private readonly ILogger<ChunkIndexer> _logger;

        public ChunkIndexer(EmbeddingClient embeddings, IVectorIndex index, ILogger<ChunkIndexer> logger)
        {
            _embeddings = embeddings;
            _index = index;
            _logger = logger;
        }

        public int IndexAll(IReadOnlyList<DocumentChunk> chunks, Action<int>? progress = null)
        {
            var indexed = 0;

            foreach (var batch in chunks.Chunk(BatchSize))
            {
                var inputs = batch.Select(c => c.Text).ToList();
                OpenAIEmbeddingCollection? vectors = null;
                var sw = Stopwatch.StartNew();

                for (int attempt = 1; attempt <= MaxAttempts; attempt++)
                {
                    try
                    {
                        vectors = _embeddings.GenerateEmbeddings(inputs).Value;
                        break;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        if (attempt == MaxAttempts)
                        {
                            _logger.LogError("Giving up on batch starting at {DocId}#{Ordinal}", batch[0].DocumentId, batch[0].Ordinal);
                            throw;
                        }

                        var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                        _logger.LogWarning("Embedding batch throttled (attempt {Attempt}/{Max}), sleeping {Wait}", attempt, MaxAttempts, wait);
                        Thread.Sleep(wait);
                    }
                }

                _logger.LogDebug("Embedded {Count} chunks in {Elapsed} ms", inputs.Count, sw.ElapsedMilliseconds);

                for (int i = 0; i < batch.Length; i++)
                {
                    var chunk = batch[i];
                    var metadata = new Dictionary<string, string>
                    {
                        ["doc"] = chunk.DocumentId,
                        ["ordinal"] = chunk.Ordinal.ToString(),
                        ["url"] = chunk.SourceUrl,
                    };
                    _index.Upsert($"{chunk.DocumentId}:{chunk.Ordinal}", vectors![i].ToFloats(), metadata);
                    indexed++;
                }

                progress?.Invoke(indexed);
            }

            return indexed;
        }
    }
}
