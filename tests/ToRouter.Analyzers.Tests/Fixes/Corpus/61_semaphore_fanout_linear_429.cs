// lang: latest
// expect: flagged
// shape: SemaphoreSlim-throttled fan-out; inside the gate, for (var attempt = 1; ; attempt++) with catch (ClientResultException ex) when (attempt < MaxAttempts && (ex.Status == 429 || ex.Status >= 500)) and a linearly growing 500 ms * attempt delay, with no sticky-quota check.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N61;

public sealed class ParallelEmbedder : IDisposable
{
    private const int MaxAttempts = 6;
    private readonly EmbeddingClient _embeddings;
    private readonly SemaphoreSlim _gate;

    public ParallelEmbedder(EmbeddingClient embeddings, int maxConcurrency = 4)
    {
        _embeddings = embeddings;
        _gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    public async Task<float[][]> EmbedAllAsync(IReadOnlyList<string> documents, CancellationToken ct)
    {
        var tasks = documents.Select(doc => EmbedOneAsync(doc, ct));
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<float[]> EmbedOneAsync(string document, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    OpenAIEmbedding embedding = await _embeddings.GenerateEmbeddingAsync(document, cancellationToken: ct).ConfigureAwait(false);
                    return embedding.ToFloats().ToArray();
                }
                catch (ClientResultException ex) when (attempt < MaxAttempts && (ex.Status == 429 || ex.Status >= 500))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
