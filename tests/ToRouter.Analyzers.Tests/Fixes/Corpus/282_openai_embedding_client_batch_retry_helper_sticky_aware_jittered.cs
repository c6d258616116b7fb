// lang: latest
// expect: quiet
// shape: EmbeddingClient batch call wrapped in a small ExecuteWithRetryAsync helper that retries only transient ClientResultExceptions (status 0/408/429/5xx, never a body with a sticky quota code), honours Retry-After under a cap, uses capped full-jitter exponential backoff and rethrows the last failure.
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N282
{
    public sealed class DocumentEmbedder
    {
        private const int MaxAttempts = 5;
        private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        private readonly EmbeddingClient _embeddings;
        private readonly ILogger _logger;

        public DocumentEmbedder(EmbeddingClient embeddings, ILogger<DocumentEmbedder> logger)
        {
            _embeddings = embeddings;
            _logger = logger;
        }

        public async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedAsync(IReadOnlyList<string> chunks, CancellationToken ct)
        {
            OpenAIEmbeddingCollection collection = await ExecuteWithRetryAsync(
                token => _embeddings.GenerateEmbeddingsAsync(chunks, new EmbeddingGenerationOptions { Dimensions = 1536 }, token),
                ct);

            return collection.OrderBy(e => e.Index).Select(e => e.ToFloats()).ToList();
        }

        private async Task<T> ExecuteWithRetryAsync<T>(Func<CancellationToken, Task<ClientResult<T>>> call, CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    ClientResult<T> result = await call(ct).ConfigureAwait(false);
                    return result.Value;
                }
                catch (ClientResultException ex) when (attempt < MaxAttempts && IsTransient(ex, out TimeSpan? retryAfter)
                                                       && TryComputeDelay(attempt, retryAfter, out TimeSpan delay))
                {
                    _logger.LogWarning("Embedding call failed with {Status}; attempt {Attempt}/{Max}, retrying in {Delay}",
                        ex.Status, attempt, MaxAttempts, delay);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }
            }
        }

        private static bool IsTransient(ClientResultException ex, out TimeSpan? retryAfter)
        {
            retryAfter = null;
            if (ex.Status == 0) return true; // no response: connection reset, DNS, ...

            PipelineResponse? raw = ex.GetRawResponse();
            string? body = null;
            if (raw is not null)
            {
                try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
                if (raw.Headers.TryGetValue("Retry-After", out string? ra)
                    && double.TryParse(ra, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    retryAfter = TimeSpan.FromSeconds(seconds);
                }
            }

            foreach (string code in StickyCodes)
            {
                if ((body?.Contains(code, StringComparison.Ordinal) ?? false) || ex.Message.Contains(code, StringComparison.Ordinal))
                    return false; // spending cap / subscription window: retrying cannot help
            }

            return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
        }

        private static bool TryComputeDelay(int attempt, TimeSpan? retryAfter, out TimeSpan delay)
        {
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            double ms = Random.Shared.NextDouble() * ceiling;
            if (retryAfter is { } hint)
            {
                if (hint > MaxDelay) { delay = TimeSpan.Zero; return false; }
                ms = Math.Max(ms, hint.TotalMilliseconds);
            }
            delay = TimeSpan.FromMilliseconds(ms);
            return true;
        }
    }
}
