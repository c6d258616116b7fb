// lang: latest
// expect: quiet
// shape: Correct Anthropic helper: an ExecuteAsync<T> extension on AnthropicClient that makes at most maxAttempts calls, retries only 408/429/5xx and AnthropicIOException, treats API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED (error type, error code or body) and 400-404 as terminal, skips caller cancellation, and waits a capped full-jitter exponential delay.
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N245;

public static class ClaudeResilience
{
    private static readonly string[] StickyTypes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED"];
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static async Task<T> ExecuteAsync<T>(
        this AnthropicClient client,
        Func<AnthropicClient, CancellationToken, Task<T>> call,
        ILogger logger,
        int maxAttempts = 5,
        CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(client, ct).ConfigureAwait(false);
            }
            catch (AnthropicApiException ex) when (attempt + 1 < maxAttempts && IsTransient(ex))
            {
                var delay = FullJitter(attempt);
                logger.LogWarning("Claude {Status} (request {RequestId}); retry {Retry} in {Delay}",
                    (int)ex.StatusCode, ex.RequestID, attempt + 1, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
            catch (AnthropicIOException ex) when (attempt + 1 < maxAttempts && !ct.IsCancellationRequested)
            {
                var delay = FullJitter(attempt);
                logger.LogWarning(ex, "Network error calling Claude; retry {Retry} in {Delay}", attempt + 1, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(AnthropicApiException ex)
    {
        var type = ex.Type?.Raw();
        if (type is not null && StickyTypes.Contains(type, StringComparer.Ordinal)) return false;
        if (ex.ErrorCode is { } code && StickyTypes.Contains(code, StringComparer.Ordinal)) return false;
        if (ex.ResponseBody is { } body && StickyTypes.Any(s => body.Contains(s, StringComparison.Ordinal))) return false;

        var status = (int)ex.StatusCode;
        return status is 408 or 429 or >= 500;   // 400/401/402/403/404 are never worth another try
    }

    private static TimeSpan FullJitter(int retryIndex)
    {
        var ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 20)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs);
    }
}

public sealed class ProductCopyService(AnthropicClient claude, ILogger<ProductCopyService> logger)
{
    public Task<Message> WriteBlurbAsync(string productJson, CancellationToken ct) =>
        claude.ExecuteAsync((c, token) => c.Messages.Create(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 300,
            Messages = [new UserMessageParam("Write a 50-word product blurb for: " + productJson)],
        }, token), logger, ct: ct);
}
