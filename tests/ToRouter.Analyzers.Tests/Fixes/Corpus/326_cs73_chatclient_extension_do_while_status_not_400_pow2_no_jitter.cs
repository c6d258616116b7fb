// lang: 7.3
// expect: flagged
// shape: C# 7.3 ChatClient extension method retries in a do/while whenever ClientResultException.Status != 400, so 401/402/403/404 and sticky quota 429s are retried too, waiting an unjittered 500 ms * 2^n before rethrowing after the budget.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N326
{
    public static class ChatClientRetryExtensions
    {
        /// <summary>
        /// Same as CompleteChatAsync but survives the odd gateway hiccup.
        /// Bad requests are our fault, so those are not retried.
        /// </summary>
        public static async Task<ChatCompletion> CompleteChatWithRetriesAsync(
            this ChatClient client,
            IList<ChatMessage> messages,
            ChatCompletionOptions options = null,
            int maxRetries = 3,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (client == null) throw new ArgumentNullException("client");

            int retry = 0;
            ClientResultException lastError = null;

            do
            {
                try
                {
                    ClientResult<ChatCompletion> result = await client
                        .CompleteChatAsync(messages, options, cancellationToken)
                        .ConfigureAwait(false);
                    return result.Value;
                }
                catch (ClientResultException ex) when (ex.Status != 400)
                {
                    lastError = ex;
                    retry++;
                    if (retry > maxRetries)
                    {
                        break;
                    }

                    int delayMs = 500 * (int)Math.Pow(2, retry - 1);
                    Debug.WriteLine(string.Format("CompleteChat failed with HTTP {0}, retry {1}/{2} in {3} ms",
                        ex.Status, retry, maxRetries, delayMs));
                    await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                }
            }
            while (retry <= maxRetries);

            throw new InvalidOperationException(
                "Chat completion failed after " + (maxRetries + 1) + " attempts.", lastError);
        }
    }
}
