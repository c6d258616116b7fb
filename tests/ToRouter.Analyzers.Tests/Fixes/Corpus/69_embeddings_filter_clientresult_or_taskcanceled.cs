// lang: latest
// expect: flagged
// shape: for loop around EmbeddingClient.GenerateEmbeddingsAsync with catch (Exception ex) when (ex is ClientResultException || ex is TaskCanceledException): the type filter admits every ClientResultException status, so 400/401/404 and sticky 429s are retried after a constant 750 ms; the last error is rethrown after the loop.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N69;

public class ChunkIndexer
{
    private const int Tries = 3;
    private readonly EmbeddingClient _client;

    public ChunkIndexer(EmbeddingClient client)
    {
        _client = client;
    }

    public async Task<List<ReadOnlyMemory<float>>> EmbedChunksAsync(IList<string> chunks, CancellationToken ct)
    {
        Exception last = null;

        for (int i = 0; i < Tries; i++)
        {
            try
            {
                ClientResult<OpenAIEmbeddingCollection> result = await _client.GenerateEmbeddingsAsync(chunks, cancellationToken: ct);
                return result.Value.Select(e => e.ToFloats()).ToList();
            }
            catch (Exception ex) when (ex is ClientResultException || ex is TaskCanceledException)
            {
                last = ex;
                Console.WriteLine($"embedding batch of {chunks.Count} failed ({ex.GetType().Name}), try {i + 1}/{Tries}");
                await Task.Delay(750, ct);
            }
        }

        ExceptionDispatchInfo.Capture(last).Throw();
        return null;
    }
}
