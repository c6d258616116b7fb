// lang: latest
// expect: flagged
// shape: static extension method CompleteWithRetryAsync(this ChatClient, ...) logging through a custom IAppLogger interface declared in the file; the for loop's catch (ClientResultException ex) when (ex.Status != 400) excludes only 400, so 401/402/403/404 and sticky quota 429s are retried with a jittered exponential wait; the last failure is wrapped in InvalidOperationException after the loop
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N159
{
    public interface IAppLogger
    {
        void Info(string message);
        void Warn(string message, Exception error = null);
    }

    public static class ChatClientRetryExtensions
    {
        private static readonly Random Rng = new Random();

        public static async Task<ChatCompletion> CompleteWithRetryAsync(
            this ChatClient client,
            IList<ChatMessage> messages,
            IAppLogger log,
            ChatCompletionOptions options = null,
            int maxAttempts = 5,
            CancellationToken cancellationToken = default)
        {
            ClientResultException last = null;

            for (int attempt = 0; attempt < maxAttempts; attempt++)
            {
                try
                {
                    ClientResult<ChatCompletion> result = await client
                        .CompleteChatAsync(messages, options, cancellationToken)
                        .ConfigureAwait(false);

                    if (attempt > 0)
                        log.Info($"chat completion succeeded on attempt {attempt + 1}");

                    return result.Value;
                }
                catch (ClientResultException ex) when (ex.Status != 400)
                {
                    last = ex;
                    int delayMs;
                    lock (Rng)
                    {
                        delayMs = (int)(500 * Math.Pow(2, attempt)) + Rng.Next(0, 400);
                    }

                    log.Warn($"chat completion failed with HTTP {ex.Status}; waiting {delayMs} ms before attempt {attempt + 2}", ex);
                    await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                }
            }

            throw new InvalidOperationException($"Chat completion failed after {maxAttempts} attempts.", last);
        }
    }
}
