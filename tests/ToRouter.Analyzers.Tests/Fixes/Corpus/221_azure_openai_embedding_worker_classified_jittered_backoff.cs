// lang: latest
// expect: quiet
// shape: Background re-index worker calls Azure OpenAI embeddings with a bounded loop that retries only status 0/408/429/5xx, treats sticky quota codes, 400-404 and caller cancellation as terminal, and waits capped full-jitter exponential delays floored by Retry-After.
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N221
{
    public sealed class ReindexWorker(EmbeddingClient embeddings, IVectorStore store, ILogger<ReindexWorker> logger)
    {
        private const int MaxAttempts = 5;
        private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
        private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

        // The worker retries itself, so the SDK's own retry policy is switched off.
        public static EmbeddingClient CreateClient(Uri endpoint, string apiKey, string deployment)
        {
            var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
            return new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey), options).GetEmbeddingClient(deployment);
        }

        public async Task RunAsync(IReadOnlyList<DocumentChunk> chunks, CancellationToken stoppingToken)
        {
            foreach (var batch in chunks.Chunk(64))
            {
                var vectors = await EmbedBatchAsync(batch.Select(c => c.Text).ToList(), stoppingToken);
                await store.UpsertAsync(batch, vectors, stoppingToken);
                logger.LogInformation("Re-indexed {Count} chunks", batch.Length);
            }
        }

        private async Task<OpenAIEmbeddingCollection> EmbedBatchAsync(List<string> inputs, CancellationToken ct)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await embeddings.GenerateEmbeddingsAsync(inputs, cancellationToken: ct);
                }
                catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && !ct.IsCancellationRequested && IsRetryable(ex))
                {
                    var delay = ComputeDelay(attempt, RetryAfter(ex.GetRawResponse()));
                    if (delay is null)
                        throw;

                    logger.LogWarning(ex, "Embedding batch got HTTP {Status}; attempt {Attempt}/{Max}, waiting {Delay}",
                        ex.Status, attempt + 1, MaxAttempts, delay.Value);
                    await Task.Delay(delay.Value, ct);
                }
            }
        }

        private static bool IsRetryable(ClientResultException ex)
        {
            if (ex.Status == 0)
                return true;

            string? body = null;
            try { body = ex.GetRawResponse()?.Content.ToString(); }
            catch (InvalidOperationException) { }

            foreach (var code in StickyCodes)
            {
                if ((body?.Contains(code, StringComparison.Ordinal) ?? false) || ex.Message.Contains(code, StringComparison.Ordinal))
                    return false;
            }

            return ex.Status is 408 or 429 || ex.Status >= 500;
        }

        private static TimeSpan? RetryAfter(PipelineResponse? response) =>
            response is not null && response.Headers.TryGetValue("Retry-After", out var v) && double.TryParse(v, out var s) && s >= 0
                ? TimeSpan.FromSeconds(s)
                : null;

        // Full jitter; a server hint raises the floor, a hint above the cap means give up.
        private static TimeSpan? ComputeDelay(int retryIndex, TimeSpan? retryAfter)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30)));
            var ms = Random.Shared.NextDouble() * ceiling;
            if (retryAfter is { } hint)
            {
                if (hint > MaxDelay)
                    return null;
                ms = Math.Max(ms, hint.TotalMilliseconds);
            }
            return TimeSpan.FromMilliseconds(ms);
        }
    }

    public sealed record DocumentChunk(string Id, string Text);

    public interface IVectorStore
    {
        Task UpsertAsync(IReadOnlyList<DocumentChunk> chunks, OpenAIEmbeddingCollection vectors, CancellationToken ct);
    }
}
