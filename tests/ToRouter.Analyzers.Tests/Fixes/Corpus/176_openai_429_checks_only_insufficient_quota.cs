// lang: latest
// expect: flagged
// shape: for (var attempt = 0; ; attempt++) around ChatClient.CompleteChatAsync with catch (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts - 1): it reads the raw error body but only stops on OpenAI's insufficient_quota, so the gateway's sticky API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are still retried; otherwise correct (bounded, capped full-jitter backoff, last failure propagates)
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N176;

public sealed class OutOfCreditException(string message, Exception inner) : Exception(message, inner);

public sealed class SupportReplyDrafter(ChatClient chat, ILogger<SupportReplyDrafter> logger)
{
    private const int MaxAttempts = 6;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public async Task<string> DraftAsync(string customerEmail, CancellationToken ct)
    {
        ChatMessage[] messages =
        [
            new SystemChatMessage("Draft a polite, concise reply to this customer. Never promise refunds."),
            new UserChatMessage(customerEmail),
        ];

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts - 1)
            {
                var body = ex.GetRawResponse()?.Content?.ToString() ?? string.Empty;
                if (body.Contains("insufficient_quota", StringComparison.Ordinal))
                    throw new OutOfCreditException("The OpenAI account is out of credit.", ex);

                var ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs);
                logger.LogWarning("Rate limited drafting a reply (attempt {Attempt}); backing off {Delay}", attempt + 1, delay);
                await Task.Delay(delay, ct);
            }
        }
    }
}
