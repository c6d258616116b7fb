// lang: 7.3
// expect: flagged
// shape: C# 7.3 synchronous static Retry.Do(int times, TimeSpan delay, Action action) snippet-style helper: do { try { retries++; action(); break; } catch { if (retries >= times) throw; Task.Delay(delay * backoff).Wait(); backoff += backoff; } } while (true); a bare catch retries every failure (4xx, sticky quota 429s) of the wrapped blocking ChatClient.CompleteChat call, with a doubling wait and no jitter
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N194
{
    public static class Retry
    {
        // quick helper to retry execution n times with backoff
        public static void Do(int times, TimeSpan delay, Action action)
        {
            int retries = 0;
            int backoff = 1;
            do
            {
                try
                {
                    retries++;
                    action();
                    break;
                }
                catch
                {
                    if (retries >= times)
                        throw;

                    Task.Delay(delay * backoff).Wait();
                    backoff += backoff;
                }
            } while (true);
        }
    }

    public class ReleaseNotesWriter
    {
        private readonly ChatClient _chat;

        public ReleaseNotesWriter(ChatClient chat)
        {
            _chat = chat;
        }

        public string Write(string version, IList<string> commitMessages)
        {
            var prompt = "Write user-facing release notes for version " + version +
                         " from these commit messages. Group them under Features, Fixes and Other.\n\n" +
                         string.Join("\n", commitMessages);

            string notes = null;
            Retry.Do(4, TimeSpan.FromSeconds(2), () =>
            {
                ChatCompletion completion = _chat.CompleteChat(
                    new SystemChatMessage("You are a technical writer."),
                    new UserChatMessage(prompt));
                notes = completion.Content[0].Text;
            });

            return notes;
        }
    }
}
