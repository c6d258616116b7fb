// lang: latest
// expect: quiet
// shape: changed-request loop, not a retry: a work stack of input batches is drained with EmbeddingClient.GenerateEmbeddingsAsync; when a batch is rejected with 400 and a "maximum context length" message, the batch is split in half and both smaller batches are pushed back (the request differs every time, single inputs are never re-sent); every other failure propagates, and the loop keeps going after each successful batch until the stack is empty
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N196
{
    public sealed class ChunkEmbedder
    {
        private const int InitialBatchSize = 64;

        private readonly EmbeddingClient _client;
        private readonly ILogger<ChunkEmbedder> _logger;

        public ChunkEmbedder(EmbeddingClient client, ILogger<ChunkEmbedder> logger)
        {
            _client = client;
            _logger = logger;
        }

        public async Task<float[][]> EmbedAllAsync(IReadOnlyList<string> chunks, CancellationToken ct = default)
        {
            var vectors = new float[chunks.Count][];
            var pending = new Stack<(int Start, int Count)>();

            for (int start = 0; start < chunks.Count; start += InitialBatchSize)
            {
                pending.Push((start, Math.Min(InitialBatchSize, chunks.Count - start)));
            }

            while (pending.Count > 0)
            {
                var (offset, count) = pending.Pop();
                var inputs = chunks.Skip(offset).Take(count).ToList();

                try
                {
                    OpenAIEmbeddingCollection result = await _client.GenerateEmbeddingsAsync(inputs, cancellationToken: ct);
                    foreach (var embedding in result)
                    {
                        vectors[offset + embedding.Index] = embedding.ToFloats().ToArray();
                    }
                }
                catch (ClientResultException ex) when (ex.Status == 400 && count > 1 &&
                    ex.Message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase))
                {
                    var half = count / 2;
                    _logger.LogDebug("Batch at {Offset} too large ({Count} inputs), splitting", offset, count);
                    pending.Push((offset + half, count - half));
                    pending.Push((offset, half));
                }
            }

            return vectors;
        }
    }
}
