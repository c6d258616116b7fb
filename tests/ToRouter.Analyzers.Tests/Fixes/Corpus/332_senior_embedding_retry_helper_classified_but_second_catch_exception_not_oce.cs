// lang: latest
// expect: flagged
// shape: Senior-looking generic RetryAsync<T> helper for an embeddings indexer classifies ClientResultException correctly (sticky codes terminal, jittered capped backoff), but a second catch (Exception ex) when (attempt < max && ex is not OperationCanceledException) "for network glitches" retries every other failure too.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N332
{
    internal static class Retry
    {
        private const int MaxAttempts = 6;
        private static readonly string[] Sticky = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

        public static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, ILogger logger, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await operation(ct).ConfigureAwait(false);
                }
                catch (ClientResultException ex) when (attempt < MaxAttempts && IsTransient(ex))
                {
                    logger.LogWarning("Transient gateway error {Status}, attempt {Attempt}", ex.Status, attempt);
                    await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (attempt < MaxAttempts && ex is not OperationCanceledException)
                {
                    // sockets, DNS, TLS... anything below HTTP
                    logger.LogWarning(ex, "Network glitch on attempt {Attempt}", attempt);
                    await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
                }
            }
        }

        private static bool IsTransient(ClientResultException ex)
        {
            if (ex.Status == 0) return true;
            string body = string.Empty;
            try { body = ex.GetRawResponse()?.Content.ToString() ?? string.Empty; } catch (InvalidOperationException) { }
            if (Sticky.Any(code => body.Contains(code) || ex.Message.Contains(code))) return false;
            return ex.Status is 408 or 429 or >= 500;
        }

        private static TimeSpan Backoff(int attempt)
        {
            double cap = Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1));
            return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
        }
    }

    public sealed class DocumentIndexer
    {
        private readonly EmbeddingClient _embeddings;
        private readonly ILogger<DocumentIndexer> _logger;
        private readonly Dictionary<string, ReadOnlyMemory<float>> _index = new();

        public DocumentIndexer(EmbeddingClient embeddings, ILogger<DocumentIndexer> logger)
        {
            _embeddings = embeddings;
            _logger = logger;
        }

        public async Task IndexAsync(IReadOnlyList<(string Id, string Text)> docs, CancellationToken ct)
        {
            foreach (var batch in docs.Chunk(64))
            {
                OpenAIEmbeddingCollection vectors = await Retry.RetryAsync(
                    async token => (await _embeddings.GenerateEmbeddingsAsync(batch.Select(d => d.Text), cancellationToken: token)).Value,
                    _logger, ct);

                for (int i = 0; i < batch.Length; i++)
                    _index[batch[i].Id] = vectors[i].ToFloats();
            }
            _logger.LogInformation("Indexed {Count} documents", docs.Count);
        }
    }
}
