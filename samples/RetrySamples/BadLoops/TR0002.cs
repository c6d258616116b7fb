using System;
using System.Threading;
using System.Threading.Tasks;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace RetrySamples
{
    public sealed partial class BadLoops
    {
        /// <summary>
        /// TR0002 (retries sticky quota 429s). Every 429 is treated as "slow down", but ToRouter also
        /// answers 429 with API_KEY_QUOTA_EXHAUSTED (spending cap reached) and USAGE_LIMIT_EXCEEDED
        /// (subscription window used up). Those never clear by waiting; nothing here reads
        /// ex.Type / ex.ResponseBody to stop on them. Bound, backoff and jitter are fine.
        /// </summary>
        public async Task<string> AskClaudeRetryingAllRateLimitsAsync(string question, CancellationToken cancellationToken)
        {
            MessageCreateParams request = _gateway.MessageRequest(question);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    Message reply = await _gateway.Anthropic.Messages.Create(request, cancellationToken);
                    return Gateway.TextOf(reply);
                }
                catch (AnthropicRateLimitException) when (attempt + 1 < Gateway.MaxAttempts)
                {
                    double ceilingMs = Math.Min(Gateway.MaxDelayMs, Gateway.BaseDelayMs * Math.Pow(2, attempt));
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs), cancellationToken);
                }
            }
        }
    }
}
