// lang: latest
// expect: flagged
// shape: Library extension method WithRetry<T>(this Func<Task<T>>) whose catch (Exception) is filtered only by "is not OperationCanceledException" and the attempt count, doubling a TimeSpan delay with no jitter; used here to wrap an Anthropic Messages.Create call.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N239
{
    public static class AsyncRetryExtensions
    {
        public static async Task<T> WithRetry<T>(
            this Func<Task<T>> operation,
            int maxAttempts = 4,
            TimeSpan? initialDelay = null,
            ILogger? logger = null,
            CancellationToken ct = default)
        {
            var delay = initialDelay ?? TimeSpan.FromMilliseconds(500);

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await operation().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < maxAttempts)
                {
                    logger?.LogWarning(ex, "Attempt {Attempt} of {Max} failed, retrying in {Delay}", attempt, maxAttempts, delay);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                    delay *= 2;
                }
            }
        }
    }

    public sealed class ReleaseNoteDrafter(AnthropicClient claude, ILogger<ReleaseNoteDrafter> log)
    {
        public Task<Message> DraftAsync(string diffSummary, CancellationToken ct)
        {
            Func<Task<Message>> call = () => claude.Messages.Create(new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 1024,
                System = "Write user-facing release notes in Markdown.",
                Messages = [new UserMessageParam(diffSummary)],
            }, ct);

            return call.WithRetry(maxAttempts: 5, logger: log, ct: ct);
        }
    }
}
