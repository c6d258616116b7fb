// lang: latest
// expect: flagged
// shape: Polly v8 ResiliencePipeline built with RetryStrategyOptions { MaxRetryAttempts = int.MaxValue, Delay = 2 s } and the default ShouldHandle (every exception but OperationCanceledException), default Constant backoff and no jitter; the pipeline wraps ChatClient.CompleteChatAsync, so sticky 429s and 4xx are retried forever at a fixed pace
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using Polly;
using Polly.Retry;

namespace Corpus.N132
{
    public sealed class ResilientChat
    {
        private readonly ChatClient _chat;
        private readonly ResiliencePipeline _pipeline;

        public ResilientChat(ChatClient chat, ILogger<ResilientChat> logger)
        {
            _chat = chat;
            _pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    // keep trying until the model answers; jobs run overnight anyway
                    MaxRetryAttempts = int.MaxValue,
                    Delay = TimeSpan.FromSeconds(2),
                    OnRetry = args =>
                    {
                        logger.LogWarning(args.Outcome.Exception, "LLM call failed, retry #{Attempt}", args.AttemptNumber + 1);
                        return default;
                    },
                })
                .Build();
        }

        public ValueTask<string> AskAsync(string question, CancellationToken ct = default) =>
            _pipeline.ExecuteAsync(async token =>
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    new ChatMessage[] { new UserChatMessage(question) },
                    cancellationToken: token);
                return completion.Content[0].Text;
            }, ct);
    }
}
