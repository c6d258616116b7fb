// lang: latest
// expect: quiet
// shape: correct Semantic Kernel retry: for (attempt = 1; ; attempt++) around IChatCompletionService.GetChatMessageContentAsync with catch (HttpOperationException ex) when (attempt < MaxAttempts && IsRetryable(ex)); the classifier reads ResponseContent (and the inner ClientResultException body when present) and treats API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota and 400-404 as terminal, retrying only a missing status, 408, 429 and 5xx; capped full-jitter exponential wait with the caller's token; the last failure propagates
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N201
{
    public sealed class SupportReplyDrafter
    {
        private const int MaxAttempts = 5;
        private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
        private static readonly string[] TerminalCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        private readonly IChatCompletionService _chat;
        private readonly ILogger<SupportReplyDrafter> _logger;

        public SupportReplyDrafter(IChatCompletionService chat, ILogger<SupportReplyDrafter> logger)
        {
            _chat = chat;
            _logger = logger;
        }

        public async Task<string> DraftAsync(ChatHistory ticketThread, CancellationToken cancellationToken = default)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    var reply = await _chat.GetChatMessageContentAsync(ticketThread, cancellationToken: cancellationToken);
                    return reply.Content ?? string.Empty;
                }
                catch (HttpOperationException ex) when (attempt < MaxAttempts && IsRetryable(ex))
                {
                    var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
                    var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
                    _logger.LogWarning("Draft attempt {Attempt} failed with {Status}; retrying in {Delay}", attempt, ex.StatusCode, delay);
                    await Task.Delay(delay, cancellationToken);
                }
            }
        }

        private static bool IsRetryable(HttpOperationException ex)
        {
            string body = ex.ResponseContent;
            if (ex.InnerException is ClientResultException inner)
            {
                try { body ??= inner.GetRawResponse()?.Content?.ToString(); }
                catch (InvalidOperationException) { }
                if (ContainsTerminalCode(inner.Message)) return false;
            }

            if (ContainsTerminalCode(body)) return false;
            if (ex.StatusCode is null) return true;

            int status = (int)ex.StatusCode.Value;
            return status == 408 || status == 429 || status >= 500;
        }

        private static bool ContainsTerminalCode(string text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            foreach (var code in TerminalCodes)
            {
                if (text.Contains(code, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }
}
