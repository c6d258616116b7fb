// lang: latest
// expect: quiet
// shape: Polly v8 ResiliencePipeline whose ShouldHandle (PredicateBuilder) retries only ClientResultException with Status 0/408/429/5xx after reading the raw error body and treating API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota as terminal, with Exponential backoff, UseJitter, MaxDelay and 4 retries; the OpenAI client's own retries are turned off; the call site just executes through the pipeline
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.Retry;

namespace Corpus.N143
{
    public sealed class GatewayChat
    {
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        private readonly ChatClient _chat;
        private readonly ResiliencePipeline _pipeline;

        public GatewayChat(string apiKey, Uri gatewayUrl)
        {
            var options = new OpenAIClientOptions
            {
                Endpoint = gatewayUrl,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = TimeSpan.FromSeconds(60),
            };
            _chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(apiKey), options);

            _pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(IsRetryable),
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    MaxDelay = TimeSpan.FromSeconds(30),
                })
                .Build();
        }

        public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: token);
                return completion.Content[0].Text;
            }, ct);
        }

        private static bool IsRetryable(ClientResultException ex)
        {
            if (ex.Status == 0)
                return true;

            string body = null;
            var raw = ex.GetRawResponse();
            if (raw != null)
            {
                try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
            }

            foreach (var code in StickyCodes)
            {
                if ((body != null && body.Contains(code, StringComparison.Ordinal)) || ex.Message.Contains(code, StringComparison.Ordinal))
                    return false;
            }

            return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
        }
    }
}
