// lang: 7.3
// expect: flagged
// shape: C# 7.3 synchronous for loop around ChatClient.CompleteChat; catch (ClientResultException) Thread.Sleeps a constant delay when Status == 429 (no sticky-code check) and rethrows otherwise, returning string.Empty after the loop.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N22
{
    public class CommitMessageSuggester
    {
        private const int MaxAttempts = 4;
        private const int RetryDelayMs = 5000;
        private readonly ChatClient _chat;

        public CommitMessageSuggester(ChatClient chat)
        {
            _chat = chat;
        }

        public string Suggest(string stagedDiff)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Write a conventional-commit message (max 72 chars subject) for the diff."),
                new UserChatMessage(stagedDiff)
            };

            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                try
                {
                    ClientResult<ChatCompletion> result = _chat.CompleteChat(messages);
                    return result.Value.Content[0].Text;
                }
                catch (ClientResultException ex)
                {
                    if (ex.Status == 429)
                    {
                        Console.WriteLine("OpenAI rate limit, sleeping " + RetryDelayMs + " ms");
                        Thread.Sleep(RetryDelayMs);
                    }
                    else
                    {
                        throw;
                    }
                }
            }

            return string.Empty;
        }
    }
}
