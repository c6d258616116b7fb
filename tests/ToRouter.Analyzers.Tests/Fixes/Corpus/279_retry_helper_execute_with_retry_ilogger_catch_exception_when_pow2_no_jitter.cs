// lang: latest
// expect: flagged
// shape: A shared RetryHelper.ExecuteWithRetryAsync<T> utility (the blog-post kind) wraps ChatClient calls and retries any Exception while attempts remain, waiting initialDelay * 2^attempt with no jitter, so 400/401/sticky 429s are retried too.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N279.Infrastructure
{
    /// <summary>
    /// Generic retry helper with exponential backoff.
    /// Usage: await RetryHelper.ExecuteWithRetryAsync(() => client.CompleteChatAsync(...), _logger);
    /// </summary>
    public static class RetryHelper
    {
        public static async Task<T> ExecuteWithRetryAsync<T>(
            Func<Task<T>> operation,
            ILogger logger,
            int maxRetries = 5,
            int initialDelayMs = 500,
            CancellationToken cancellationToken = default)
        {
            var stopwatch = Stopwatch.StartNew();
            for (int attempt = 0; attempt < maxRetries; attempt++)
            {
                try
                {
                    var result = await operation().ConfigureAwait(false);
                    if (attempt > 0)
                    {
                        logger.LogInformation("Operation succeeded after {Attempts} attempts in {Elapsed} ms",
                            attempt + 1, stopwatch.ElapsedMilliseconds);
                    }
                    return result;
                }
                catch (Exception ex) when (attempt < maxRetries - 1)
                {
                    // Exponential backoff: 500ms, 1s, 2s, 4s...
                    var delay = initialDelayMs * (int)Math.Pow(2, attempt);
                    logger.LogWarning(ex, "Attempt {Attempt} of {Max} failed. Retrying in {Delay} ms...",
                        attempt + 1, maxRetries, delay);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }

            // Unreachable: the last attempt's exception escapes through the filter above.
            throw new InvalidOperationException("Retry loop exited unexpectedly.");
        }
    }
}

namespace Corpus.N279.Services
{
    using Corpus.N279.Infrastructure;

    public sealed class ProductDescriptionService
    {
        private readonly ChatClient _chat;
        private readonly ILogger<ProductDescriptionService> _logger;

        public ProductDescriptionService(ChatClient chat, ILogger<ProductDescriptionService> logger)
        {
            _chat = chat;
            _logger = logger;
        }

        public async Task<string> WriteDescriptionAsync(string productName, IReadOnlyList<string> features, CancellationToken ct)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("You write concise, friendly e-commerce product descriptions."),
                new UserChatMessage($"Product: {productName}\nFeatures:\n- {string.Join("\n- ", features)}")
            };

            ChatCompletion completion = await RetryHelper.ExecuteWithRetryAsync(
                async () => (ChatCompletion)await _chat.CompleteChatAsync(messages, new ChatCompletionOptions { Temperature = 0.7f }, ct),
                _logger,
                cancellationToken: ct);

            return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
        }
    }
}
