// lang: latest
// expect: quiet
// shape: polling loop, not a retry: while (true) calls AnthropicClient.Messages.Batches.Retrieve every 30 s and keeps going after each successful poll until ProcessingStatus is Ended (returns) or a wall-clock deadline passes (throws TimeoutException); API errors are not caught
using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages.Batches;
using Microsoft.Extensions.Logging;

namespace Corpus.N142
{
    public sealed class BatchWaiter
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
        private readonly AnthropicClient _client;
        private readonly ILogger<BatchWaiter> _logger;

        public BatchWaiter(AnthropicClient client, ILogger<BatchWaiter> logger)
        {
            _client = client;
            _logger = logger;
        }

        public async Task<MessageBatch> WaitForCompletionAsync(string batchId, TimeSpan maxWait, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();

            while (true)
            {
                MessageBatch batch = await _client.Messages.Batches.Retrieve(batchId, cancellationToken: ct);

                if (batch.ProcessingStatus.Value() == ProcessingStatus.Ended)
                {
                    _logger.LogInformation("Batch {Id} ended: {Ok} succeeded, {Err} errored, {Exp} expired",
                        batchId, batch.RequestCounts.Succeeded, batch.RequestCounts.Errored, batch.RequestCounts.Expired);
                    return batch;
                }

                if (clock.Elapsed > maxWait)
                {
                    throw new TimeoutException($"Batch {batchId} still {batch.ProcessingStatus.Raw()} after {clock.Elapsed}.");
                }

                _logger.LogDebug("Batch {Id} is {Status}; {Processing} requests still processing",
                    batchId, batch.ProcessingStatus.Raw(), batch.RequestCounts.Processing);
                await Task.Delay(PollInterval, ct);
            }
        }
    }
}
