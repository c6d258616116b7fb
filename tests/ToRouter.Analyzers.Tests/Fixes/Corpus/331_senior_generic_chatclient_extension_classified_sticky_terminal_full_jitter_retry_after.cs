// lang: latest
// expect: quiet
// shape: Senior generic ChatClient extension WithGatewayRetryAsync<T> makes at most five attempts, retries only ClientResultException that is a network failure, 408, 429 or 5xx without a sticky code in the body/message, waits full-jitter capped exponential backoff no shorter than Retry-After, and lets the last failure propagate.
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N331
{
    public static class ChatClientGatewayRetry
    {
        private const int MaxAttempts = 5;
        private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
        private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

        public static async Task<T> WithGatewayRetryAsync<T>(
            this ChatClient client,
            Func<ChatClient, CancellationToken, Task<ClientResult<T>>> call,
            ILogger logger,
            CancellationToken ct = default)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    ClientResult<T> result = await call(client, ct).ConfigureAwait(false);
                    return result.Value;
                }
                catch (ClientResultException ex) when (attempt < MaxAttempts && TryGetRetryDelay(ex, attempt, out var delay))
                {
                    logger.LogWarning("Gateway call failed with {Status} (attempt {Attempt}/{Max}); retrying in {Delay} ms",
                        ex.Status, attempt, MaxAttempts, (int)delay.TotalMilliseconds);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }
            }
        }

        private static bool TryGetRetryDelay(ClientResultException ex, int attempt, out TimeSpan delay)
        {
            delay = TimeSpan.Zero;
            TimeSpan? retryAfter = null;
            string? body = null;

            PipelineResponse? raw = ex.GetRawResponse();
            if (raw is not null)
            {
                try { body = raw.Content.ToString(); } catch (InvalidOperationException) { /* not buffered */ }
                if (raw.Headers.TryGetValue("Retry-After", out var header) &&
                    double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    retryAfter = TimeSpan.FromSeconds(seconds);
                }
            }

            foreach (var code in StickyCodes)
            {
                if ((body?.Contains(code, StringComparison.Ordinal) ?? false) || ex.Message.Contains(code, StringComparison.Ordinal))
                    return false; // quota / subscription cap: retrying cannot help
            }

            bool transient = ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
            if (!transient)
                return false;

            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            double ms = Random.Shared.NextDouble() * ceiling;
            if (retryAfter is { } hint)
            {
                if (hint > MaxDelay) return false; // server wants us gone for longer than we are willing to wait
                ms = Math.Max(ms, hint.TotalMilliseconds);
            }

            delay = TimeSpan.FromMilliseconds(ms);
            return true;
        }
    }

    public sealed class ReleaseNotesWriter(ChatClient chat, ILogger<ReleaseNotesWriter> logger)
    {
        public async Task<string> WriteAsync(string commitLog, CancellationToken ct)
        {
            ChatMessage[] messages =
            [
                new SystemChatMessage("Turn this commit log into user-facing release notes in Markdown."),
                new UserChatMessage(commitLog),
            ];

            ChatCompletion completion = await chat.WithGatewayRetryAsync(
                (c, token) => c.CompleteChatAsync(messages, cancellationToken: token), logger, ct);
            return completion.Content[0].Text;
        }
    }
}
