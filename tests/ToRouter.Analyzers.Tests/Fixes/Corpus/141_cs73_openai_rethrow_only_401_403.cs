// lang: 7.3
// expect: flagged
// shape: C# 7.3 async while (tries <= MaxTries) loop around ChatClient.CompleteChatAsync whose catch (ClientResultException ex) body rethrows only 401 and 403 (and the last try), so 400/402/404 and sticky 429s are retried; jittered exponential wait from a shared Random
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N141
{
    public class MeetingNotesSummarizer
    {
        private const int MaxTries = 5;
        private static readonly Random Rand = new Random();
        private readonly ChatClient client;

        public MeetingNotesSummarizer(ChatClient client)
        {
            this.client = client;
        }

        public async Task<string> SummarizeAsync(string transcript, CancellationToken token)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Summarize the meeting: decisions, owners, deadlines."),
                new UserChatMessage(transcript)
            };

            int tries = 1;
            while (tries <= MaxTries)
            {
                try
                {
                    ChatCompletion completion = await client.CompleteChatAsync(messages, null, token).ConfigureAwait(false);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex)
                {
                    if (ex.Status == 401 || ex.Status == 403 || tries == MaxTries)
                    {
                        throw;
                    }

                    int backoff;
                    lock (Rand)
                    {
                        backoff = (int)(1000 * Math.Pow(2, tries - 1)) + Rand.Next(0, 750);
                    }
                    Console.WriteLine("summarize: HTTP " + ex.Status + ", try " + tries + " of " + MaxTries + ", waiting " + backoff + "ms");
                    await Task.Delay(backoff, token).ConfigureAwait(false);
                    tries++;
                }
            }

            throw new InvalidOperationException("summarize: retry loop exited unexpectedly");
        }
    }
}
