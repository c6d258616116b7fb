// lang: 7.3
// expect: flagged
// shape: C# 7.3 synchronous for loop around ChatClient.CompleteChat whose catch (ClientResultException ex) body rethrows anything that is not 429 or 5xx, then Thread.Sleeps a delay that doubles each time (no jitter); 429 is retried without reading the body, and the last attempt rethrows.
using System;
using System.ClientModel;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N64
{
    public class CommitMessageSuggester
    {
        private const int MaxTries = 4;
        private readonly ChatClient _chat;

        public CommitMessageSuggester(ChatClient chat)
        {
            _chat = chat;
        }

        public string Suggest(string stagedDiff)
        {
            int delayMs = 1000;

            for (int tryNo = 1; tryNo <= MaxTries; tryNo++)
            {
                try
                {
                    ChatCompletion completion = _chat.CompleteChat(
                        new SystemChatMessage("Write a conventional-commit message (max 72 chars subject) for this diff."),
                        new UserChatMessage(stagedDiff));
                    return completion.Content[0].Text.Trim();
                }
                catch (ClientResultException ex)
                {
                    bool transient = ex.Status == 429 || ex.Status >= 500;
                    if (!transient || tryNo == MaxTries)
                    {
                        throw;
                    }

                    Console.Error.WriteLine("OpenAI returned " + ex.Status + ", retrying in " + delayMs + " ms");
                    Thread.Sleep(delayMs);
                    delayMs *= 2;
                }
            }

            throw new InvalidOperationException("not reachable");
        }
    }
}
