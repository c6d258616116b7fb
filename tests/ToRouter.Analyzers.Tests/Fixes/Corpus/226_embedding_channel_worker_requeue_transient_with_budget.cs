// lang: latest
// expect: quiet
// shape: Channel-consumer background worker embeds one queued document per read and, on a transient non-sticky failure, re-enqueues that job with an attempt budget and jittered exponential delay; the loop is a message consumer that keeps going after success, not a retry loop.
#nullable enable
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N226
{
    public sealed record EmbeddingJob(Guid DocumentId, string Text, int Attempts = 0);

    public interface IEmbeddingSink
    {
        Task SaveAsync(Guid documentId, ReadOnlyMemory<float> vector, CancellationToken ct);
        Task MarkFailedAsync(Guid documentId, string reason, CancellationToken ct);
    }

    public sealed class EmbeddingQueueWorker(EmbeddingClient client, IEmbeddingSink sink, ILogger<EmbeddingQueueWorker> logger)
    {
        private const int MaxAttempts = 5;
        private readonly Channel<EmbeddingJob> _queue = Channel.CreateUnbounded<EmbeddingJob>();

        public ValueTask EnqueueAsync(EmbeddingJob job, CancellationToken ct = default) => _queue.Writer.WriteAsync(job, ct);

        public async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync(job.Text, cancellationToken: stoppingToken);
                    await sink.SaveAsync(job.DocumentId, embedding.ToFloats(), stoppingToken);
                }
                catch (ClientResultException ex) when (IsTransient(ex) && job.Attempts + 1 < MaxAttempts)
                {
                    var next = job with { Attempts = job.Attempts + 1 };
                    var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, next.Attempts)));
                    logger.LogWarning("Document {Id} got HTTP {Status}; re-queued (attempt {Attempt}) in {Delay}",
                        job.DocumentId, ex.Status, next.Attempts + 1, delay);
                    _ = RequeueLaterAsync(next, delay, stoppingToken);
                }
                catch (ClientResultException ex)
                {
                    logger.LogError(ex, "Document {Id} failed permanently with HTTP {Status}", job.DocumentId, ex.Status);
                    await sink.MarkFailedAsync(job.DocumentId, ex.Message, stoppingToken);
                }
            }
        }

        private async Task RequeueLaterAsync(EmbeddingJob job, TimeSpan delay, CancellationToken ct)
        {
            try
            {
                await Task.Delay(delay, ct);
                await _queue.Writer.WriteAsync(job, ct);
            }
            catch (OperationCanceledException)
            {
                // shutting down; the job is picked up again by the next re-index run
            }
        }

        private static bool IsTransient(ClientResultException ex)
        {
            if (ex.Status == 0)
                return true;
            var body = ex.GetRawResponse()?.Content.ToString() ?? "";
            if (body.Contains("API_KEY_QUOTA_EXHAUSTED") || body.Contains("USAGE_LIMIT_EXCEEDED") || body.Contains("insufficient_quota"))
                return false;
            return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
        }
    }
}
