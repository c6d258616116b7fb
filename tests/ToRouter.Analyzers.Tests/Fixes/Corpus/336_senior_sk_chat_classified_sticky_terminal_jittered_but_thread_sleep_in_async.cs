// lang: latest
// expect: flagged
// shape: Senior Semantic Kernel product-Q&A service has a bounded loop with a proper HttpOperationException classifier (sticky codes and 4xx terminal, Retry-After honoured, full jitter), but blocks with Thread.Sleep(ComputeDelay(...)) inside the async method instead of awaiting Task.Delay.
#nullable enable
using System;
using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N336
{
    public sealed class ProductQaService(IChatCompletionService chat, ILogger<ProductQaService> logger)
    {
        private const int MaxAttempts = 5;
        private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

        public async Task<string> AnswerAsync(string productSheet, string question, CancellationToken ct)
        {
            var history = new ChatHistory("Answer only from the product sheet. Say 'I don't know' otherwise.");
            history.AddUserMessage($"Product sheet:\n{productSheet}\n\nQuestion: {question}");

            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    ChatMessageContent reply = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                    return reply.Content ?? string.Empty;
                }
                catch (HttpOperationException ex) when (attempt < MaxAttempts && IsRetryable(ex, out TimeSpan? retryAfter))
                {
                    logger.LogWarning("Chat call failed with {Status} on attempt {Attempt}/{Max}", ex.StatusCode, attempt, MaxAttempts);
                    // ported from the old synchronous QA worker
                    Thread.Sleep(ComputeDelay(attempt, retryAfter));
                }
            }
        }

        private static bool IsRetryable(HttpOperationException ex, out TimeSpan? retryAfter)
        {
            retryAfter = null;
            string body = ex.ResponseContent ?? string.Empty;

            if (ex.InnerException is ClientResultException inner)
            {
                var raw = inner.GetRawResponse();
                if (raw is not null && raw.Headers.TryGetValue("Retry-After", out string? ra)
                    && double.TryParse(ra, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    retryAfter = TimeSpan.FromSeconds(seconds);
                }
                if (inner.Status == 0) return true;
            }

            foreach (string code in StickyCodes)
            {
                if (body.Contains(code, StringComparison.Ordinal)) return false;
            }

            return ex.StatusCode is null
                || ex.StatusCode == HttpStatusCode.RequestTimeout
                || ex.StatusCode == HttpStatusCode.TooManyRequests
                || (int)ex.StatusCode >= 500;
        }

        private static TimeSpan ComputeDelay(int attempt, TimeSpan? retryAfter)
        {
            double ms = Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1));
            if (retryAfter is { } hint && hint.TotalMilliseconds > ms)
                ms = Math.Min(hint.TotalMilliseconds, 30_000);

            return TimeSpan.FromMilliseconds(ms);
        }
    }
}
