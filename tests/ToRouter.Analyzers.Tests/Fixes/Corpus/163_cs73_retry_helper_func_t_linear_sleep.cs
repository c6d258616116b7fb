// lang: 7.3
// expect: flagged
// shape: C# 7.3 static RetryHelper.Execute<T>(Func<T>, int, int, Action<string>) with while (true) and a catch (Exception ex) when (attempt < maxAttempts) filter that bounds the loop but does not narrow the failure kind, sleeping a linearly growing delayMilliseconds * attempt; the call site passes a lambda around the synchronous ChatClient.CompleteChat and Console.WriteLine as the log callback
using System;
using System.Collections.Generic;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N163
{
    public static class RetryHelper
    {
        public static T Execute<T>(Func<T> action, int maxAttempts = 3, int delayMilliseconds = 1000, Action<string> log = null)
        {
            if (action == null) throw new ArgumentNullException(nameof(action));

            int attempt = 0;
            while (true)
            {
                attempt++;
                try
                {
                    return action();
                }
                catch (Exception ex) when (attempt < maxAttempts)
                {
                    if (log != null)
                    {
                        log(string.Format("Attempt {0} of {1} failed: {2}. Retrying...", attempt, maxAttempts, ex.Message));
                    }
                    Thread.Sleep(delayMilliseconds * attempt);
                }
            }
        }
    }

    public class GlossaryBuilder
    {
        private readonly ChatClient _chat;

        public GlossaryBuilder(ChatClient chat)
        {
            _chat = chat;
        }

        public string DefineTerm(string term, string domain)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Give a one-sentence definition suitable for an internal glossary."),
                new UserChatMessage(term + " (domain: " + domain + ")")
            };

            ChatCompletion completion = RetryHelper.Execute(() => _chat.CompleteChat(messages).Value, 4, 1500, Console.WriteLine);
            return completion.Content[0].Text.Trim();
        }
    }
}
