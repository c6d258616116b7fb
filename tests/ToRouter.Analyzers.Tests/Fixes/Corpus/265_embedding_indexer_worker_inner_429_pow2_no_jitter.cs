// lang: latest
// expect: flagged
// shape: BackgroundService indexer (outer stoppingToken loop is fine) whose inner EmbedBatchAsync retries ClientResultException 429 with IOptions-bounded base*2^n backoff, never checking the body for sticky quota codes and adding no jitter.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Embeddings;

namespace Corpus.N265;

public sealed class EmbeddingIndexerOptions
{
    public int BatchSize { get; set; } = 64;
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed record PendingDocument(string Id, string Text);

public interface IDocumentQueue
{
    Task<IReadOnlyList<PendingDocument>> DequeueAsync(int max, CancellationToken ct);
    Task AbandonAsync(IEnumerable<string> ids, CancellationToken ct);
}

public interface IVectorStore
{
    Task UpsertAsync(string id, ReadOnlyMemory<float> vector, CancellationToken ct);
}

public sealed class EmbeddingIndexerWorker(
    EmbeddingClient embeddings,
    IDocumentQueue queue,
    IVectorStore store,
    IOptions<EmbeddingIndexerOptions> options,
    ILogger<EmbeddingIndexerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await queue.DequeueAsync(settings.BatchSize, stoppingToken);
            if (batch.Count == 0)
            {
                await Task.Delay(settings.IdlePollInterval, stoppingToken);
                continue;
            }

            try
            {
                var vectors = await EmbedBatchAsync(batch, stoppingToken);
                for (var i = 0; i < batch.Count; i++)
                    await store.UpsertAsync(batch[i].Id, vectors[i].ToFloats(), stoppingToken);

                logger.LogInformation("Indexed {Count} documents", batch.Count);
            }
            catch (ClientResultException ex)
            {
                logger.LogError(ex, "Embedding batch failed with HTTP {Status}; returning {Count} docs to the queue", ex.Status, batch.Count);
                await queue.AbandonAsync(batch.Select(d => d.Id), stoppingToken);
            }
        }
    }

    private async Task<OpenAIEmbeddingCollection> EmbedBatchAsync(IReadOnlyList<PendingDocument> batch, CancellationToken ct)
    {
        var settings = options.Value;
        var inputs = batch.Select(d => d.Text).ToList();
        var attempt = 0;

        while (true)
        {
            try
            {
                return await embeddings.GenerateEmbeddingsAsync(inputs, cancellationToken: ct);
            }
            catch (ClientResultException ex) when (ex.Status == 429 && attempt < settings.MaxAttempts - 1)
            {
                var delay = TimeSpan.FromMilliseconds(settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
                attempt++;
                logger.LogWarning("Embedding batch of {Count} throttled (attempt {Attempt}); backing off {Delay}",
                    inputs.Count, attempt, delay);
                await Task.Delay(delay, ct);
            }
        }
    }
}
