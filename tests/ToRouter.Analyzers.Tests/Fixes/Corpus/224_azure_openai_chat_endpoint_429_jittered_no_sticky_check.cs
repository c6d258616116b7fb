// lang: latest
// expect: flagged
// shape: ASP.NET-style support-chat handler over AzureOpenAIClient retries 429 (ClientResultException and a defensive RequestFailedException) with bounded, jittered exponential backoff, but never inspects the body, so sticky API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are retried.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N224
{
    public sealed record ChatTurn(string Role, string Content);
    public sealed record SupportChatRequest(string SessionId, IReadOnlyList<ChatTurn> History, string Question);
    public sealed record SupportChatResponse(string Answer, int Attempts, int TotalTokens);

    public sealed class SupportChatHandler
    {
        private const int MaxAttempts = 4;
        private readonly ChatClient _chat;
        private readonly ILogger _logger;

        public SupportChatHandler(AzureOpenAIClient azure, string deployment, ILoggerFactory loggerFactory)
        {
            _chat = azure.GetChatClient(deployment);
            _logger = loggerFactory.CreateLogger("SupportChat");
        }

        // POST /api/support/chat
        public async Task<SupportChatResponse> HandleAsync(SupportChatRequest request, CancellationToken requestAborted)
        {
            var messages = new List<ChatMessage> { new SystemChatMessage("You are the Contoso support assistant.") };
            messages.AddRange(request.History.Select(t => t.Role == "assistant"
                ? (ChatMessage)new AssistantChatMessage(t.Content)
                : new UserChatMessage(t.Content)));
            messages.Add(new UserChatMessage(request.Question));

            var attempt = 0;
            while (true)
            {
                attempt++;
                try
                {
                    ChatCompletion completion = await _chat.CompleteChatAsync(messages, cancellationToken: requestAborted);
                    return new SupportChatResponse(completion.Content[0].Text, attempt, completion.Usage?.TotalTokenCount ?? 0);
                }
                catch (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts)
                {
                    _logger.LogWarning("Session {SessionId} throttled by Azure OpenAI (attempt {Attempt})", request.SessionId, attempt);
                }
                catch (RequestFailedException ex) when (ex.Status == 429 && attempt < MaxAttempts)
                {
                    _logger.LogWarning("Session {SessionId} throttled ({ErrorCode}), attempt {Attempt}", request.SessionId, ex.ErrorCode, attempt);
                }

                var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));
                await Task.Delay(backoff, requestAborted);
            }
        }
    }
}
