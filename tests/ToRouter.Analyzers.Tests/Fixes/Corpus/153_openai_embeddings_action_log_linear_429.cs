// lang: latest
// expect: flagged
// shape: bounded for loop around EmbeddingClient.GenerateEmbeddingsAsync for a batch of chunks, logging through an injected Action<string> callback; catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500) rethrows on the last attempt but otherwise retries every 429 (sticky quota codes included, body never read) after a linearly growing TimeSpan.FromSeconds(2 * (attempt + 1))
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N153
{
    public class ChunkEmbedder
    {
        private readonly EmbeddingClient _client;
        private readonly Action<string> _log;
        private readonly int _maxAttempts;

        public ChunkEmbedder(EmbeddingClient client, Action<string> log, int maxAttempts = 5)
        {
            _client = client;
            _log = log ?? (_ => { });
            _maxAttempts = maxAttempts;
        }

        public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> chunks, CancellationToken ct = default)
        {
            if (chunks.Count == 0)
                return Array.Empty<float[]>();

            var options = new EmbeddingGenerationOptions { Dimensions = 512 };

            for (var attempt = 0; attempt < _maxAttempts; attempt++)
            {
                try
                {
                    OpenAIEmbeddingCollection result = await _client
                        .GenerateEmbeddingsAsync(chunks, options, ct)
                        .ConfigureAwait(false);

                    return result
                        .OrderBy(e => e.Index)
                        .Select(e => e.ToFloats().ToArray())
                        .ToList();
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    if (attempt == _maxAttempts - 1)
                        throw;

                    var wait = TimeSpan.FromSeconds(2 * (attempt + 1));
                    _log($"embeddings: HTTP {ex.Status} for {chunks.Count} chunks, retrying in {wait.TotalSeconds:0}s ({attempt + 1}/{_maxAttempts})");
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                }
            }

            throw new InvalidOperationException("Embedding retry loop exited without a result.");
        }
    }
}
