// lang: latest
// expect: flagged
// shape: A ChatGPT-suggested CompleteChatWithRetryAsync extension on ChatClient retries ClientResultException 429/5xx in a do/while with jittered exponential delay but no sticky-code check, and when the attempts run out it falls out of the loop and returns null instead of throwing.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N284
{
    public static class ChatClientExtensions
    {
        /// <summary>
        /// Calls CompleteChatAsync and retries on rate limits (429) and server errors (5xx)
        /// using exponential backoff with jitter.
        /// </summary>
        public static async Task<ChatCompletion?> CompleteChatWithRetryAsync(
            this ChatClient client,
            IEnumerable<ChatMessage> messages,
            ChatCompletionOptions? options = null,
            int maxRetries = 3,
            CancellationToken cancellationToken = default)
        {
            int attempt = 0;
            ChatCompletion? completion = null;

            do
            {
                try
                {
                    ClientResult<ChatCompletion> result = await client.CompleteChatAsync(messages, options, cancellationToken);
                    completion = result.Value;
                    break;
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    attempt++;
                    if (attempt > maxRetries)
                    {
                        Console.Error.WriteLine($"OpenAI request failed after {maxRetries} retries: {ex.Status}");
                        break;
                    }

                    // 2^attempt seconds plus up to 1s of random jitter
                    var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt))
                              + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));
                    Console.Error.WriteLine($"OpenAI returned {ex.Status}. Retrying in {delay.TotalSeconds:F1}s (attempt {attempt}/{maxRetries})");
                    await Task.Delay(delay, cancellationToken);
                }
            }
            while (attempt <= maxRetries);

            return completion;
        }
    }

    public sealed class SupportReplyDrafter
    {
        private readonly ChatClient _client;

        public SupportReplyDrafter(ChatClient client) => _client = client;

        public async Task<string> DraftAsync(string customerEmail, CancellationToken ct)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Draft a polite reply to the customer. Keep it under 150 words."),
                new UserChatMessage(customerEmail)
            };

            ChatCompletion? completion = await _client.CompleteChatWithRetryAsync(messages, cancellationToken: ct);
            return completion?.Content[0].Text ?? "(draft unavailable, please write manually)";
        }
    }
}
