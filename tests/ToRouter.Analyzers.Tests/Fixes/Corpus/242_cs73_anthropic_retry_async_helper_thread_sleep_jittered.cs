// lang: 7.3
// expect: flagged
// shape: C# 7.3 shared library's async RetryAsync<T>(Func<Task<T>>) helper for Anthropic calls that retries AnthropicRateLimitException, 5xx and IO errors with a bounded, jittered exponential delay but blocks the thread with Thread.Sleep inside the async method and never checks rate-limit errors for sticky quota types.
using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N242
{
    public static class ClaudeRetry
    {
        private static readonly object RngLock = new object();
        private static readonly Random Rng = new Random();

        public static async Task<T> RetryAsync<T>(Func<Task<T>> action, int maxAttempts = 4)
        {
            if (action == null) throw new ArgumentNullException(nameof(action));

            var attempt = 0;
            while (true)
            {
                attempt++;
                try
                {
                    return await action().ConfigureAwait(false);
                }
                catch (AnthropicRateLimitException ex) when (attempt < maxAttempts)
                {
                    Debug.WriteLine("Claude rate limited (" + ex.RequestID + "), attempt " + attempt);
                    Thread.Sleep(BackoffMilliseconds(attempt));
                }
                catch (Anthropic5xxException ex) when (attempt < maxAttempts)
                {
                    Debug.WriteLine("Claude " + (int)ex.StatusCode + ", attempt " + attempt);
                    Thread.Sleep(BackoffMilliseconds(attempt));
                }
                catch (AnthropicIOException ex) when (attempt < maxAttempts)
                {
                    Debug.WriteLine("Network error talking to Claude: " + ex.Message);
                    Thread.Sleep(BackoffMilliseconds(attempt));
                }
            }
        }

        private static int BackoffMilliseconds(int attempt)
        {
            var ceiling = (int)Math.Min(30000, 1000 * Math.Pow(2, attempt - 1));
            lock (RngLock)
            {
                return Rng.Next(0, ceiling);
            }
        }
    }

    public class DocumentSummarizer
    {
        private readonly AnthropicClient _client;

        public DocumentSummarizer(AnthropicClient client)
        {
            _client = client;
        }

        // MessageCreateParams is built by the caller (C# 12 host app); this library only targets 7.3.
        public Task<Message> SummarizeAsync(MessageCreateParams parameters, CancellationToken cancellationToken)
        {
            return ClaudeRetry.RetryAsync(() => _client.Messages.Create(parameters, cancellationToken));
        }
    }
}
