// lang: 7.3
// expect: flagged
// shape: C# 7.3 async for (;;) loop around ChatClient.CompleteChatAsync with ConfigureAwait(false); an unfiltered catch (ClientResultException) does retries++, rethrows once retries > MaxRetries and otherwise waits TimeSpan.FromSeconds(Math.Pow(2, retries)) without jitter, so 400/401/404 and sticky 429s are retried too.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N100
{
    public class KeywordExtractor
    {
        private const int MaxRetries = 4;
        private readonly ChatClient _chatClient;

        public KeywordExtractor(ChatClient chatClient)
        {
            _chatClient = chatClient;
        }

        public async Task<string> ExtractKeywordsAsync(string article, CancellationToken cancellationToken = default(CancellationToken))
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Return the ten most important keywords, comma separated."),
                new UserChatMessage(article)
            };

            int retries = 0;
            for (;;)
            {
                try
                {
                    ClientResult<ChatCompletion> result = await _chatClient
                        .CompleteChatAsync(messages, null, cancellationToken)
                        .ConfigureAwait(false);
                    return result.Value.Content[0].Text;
                }
                catch (ClientResultException ex)
                {
                    retries++;
                    if (retries > MaxRetries)
                    {
                        throw;
                    }

                    Console.WriteLine("OpenAI call failed with status " + ex.Status + ", retry " + retries);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, retries)), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
