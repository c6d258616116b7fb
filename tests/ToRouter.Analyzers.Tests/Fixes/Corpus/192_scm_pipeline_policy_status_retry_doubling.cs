// lang: latest
// expect: flagged
// shape: custom System.ClientModel PipelinePolicy added to OpenAIClientOptions (SDK retries off): a for (i < MaxRetries) loop re-runs ProcessNextAsync and, when message.Response.Status is 408/429/500/502/503/504, awaits a delay that doubles (delay *= 2) with no jitter before going round; sticky quota 429s are retried because the body is never read; a ClientResultException is thrown after the loop
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N192
{
    public class GatewayCompletionRetryPolicy : PipelinePolicy
    {
        private const int MaxRetries = 6;

        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            RetryProcess(message, pipeline, currentIndex, async: false).AsTask().GetAwaiter().GetResult();
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            await RetryProcess(message, pipeline, currentIndex, async: true).ConfigureAwait(false);
        }

        private async ValueTask RetryProcess(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex, bool async)
        {
            var delay = TimeSpan.FromSeconds(1); // initial delay
            for (int i = 0; i < MaxRetries; i++)
            {
                if (async)
                {
                    await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
                }
                else
                {
                    ProcessNext(message, pipeline, currentIndex);
                }

                var status = message.Response.Status;
                if (status < 400)
                {
                    return;
                }

                if (status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504)
                {
                    await Task.Delay(delay, message.CancellationToken).ConfigureAwait(false);
                    delay *= 2; // exponential backoff
                    continue;
                }

                return; // not retryable, let the client surface the error
            }

            throw new ClientResultException(message.Response);
        }
    }

    public static class ChatClientFactory
    {
        public static ChatClient Create(string gatewayUrl, string apiKey, string model)
        {
            var options = new OpenAIClientOptions
            {
                Endpoint = new Uri(gatewayUrl),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0)
            };
            options.AddPolicy(new GatewayCompletionRetryPolicy(), PipelinePosition.PerCall);

            return new ChatClient(model, new ApiKeyCredential(apiKey), options);
        }
    }
}
