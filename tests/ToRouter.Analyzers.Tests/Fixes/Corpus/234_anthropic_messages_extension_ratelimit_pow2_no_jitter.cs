// lang: latest
// expect: flagged
// shape: Extension method on Anthropic's IMessageService that retries AnthropicRateLimitException and Anthropic5xxException up to maxAttempts with an un-jittered 2^n-second delay and never checks the error type, so sticky API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are retried like ordinary throttling.
#nullable enable
using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Services;
using Microsoft.Extensions.Logging;

namespace Corpus.N234;

public static class MessageServiceRetryExtensions
{
    /// <summary>
    /// Creates a message, retrying when the gateway throttles us or Claude is overloaded.
    /// Shared by the indexing CLI and the nightly report job.
    /// </summary>
    public static async Task<Message> CreateWithBackoffAsync(
        this IMessageService messages,
        MessageCreateParams parameters,
        ILogger logger,
        int maxAttempts = 5,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(parameters);

        var sw = Stopwatch.StartNew();
        Exception? last = null;

        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            try
            {
                var message = await messages.Create(parameters, cancellationToken).ConfigureAwait(false);
                if (attempt > 1)
                {
                    logger.LogInformation(
                        "Claude call succeeded on attempt {Attempt} after {Elapsed} ms", attempt, sw.ElapsedMilliseconds);
                }
                return message;
            }
            catch (AnthropicRateLimitException ex)
            {
                last = ex;
                logger.LogWarning(
                    "Rate limited by gateway (request {RequestId}), attempt {Attempt}/{Max}", ex.RequestID, attempt, maxAttempts);
            }
            catch (Anthropic5xxException ex)
            {
                last = ex;
                logger.LogWarning(ex, "Upstream error {Status}, attempt {Attempt}/{Max}", (int)ex.StatusCode, attempt, maxAttempts);
            }

            if (attempt < maxAttempts)
            {
                // 2s, 4s, 8s, 16s ...
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException(
            $"Claude request failed after {maxAttempts} attempts ({sw.Elapsed:g}).", last);
    }
}
