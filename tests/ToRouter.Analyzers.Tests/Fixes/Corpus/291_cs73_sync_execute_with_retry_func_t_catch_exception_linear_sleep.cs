// lang: 7.3
// expect: flagged
// shape: C# 7.3 static RetryUtil.ExecuteWithRetry<T>(Func<T>) used around synchronous ChatClient.CompleteChat catches every Exception, rethrows only on the last attempt and otherwise sleeps attempt * 2 s (linear), so non-retryable 400/401/sticky 429 failures are retried with a non-exponential wait.
using System;
using System.Collections.Generic;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N291
{
    public static class RetryUtil
    {
        public static int DefaultMaxAttempts = 4;

        public static T ExecuteWithRetry<T>(Func<T> func, int maxAttempts = 0, Action<int, Exception> onRetry = null)
        {
            if (maxAttempts <= 0) maxAttempts = DefaultMaxAttempts;

            for (int attempt = 1; attempt <= maxAttempts; attempt++)
            {
                try
                {
                    return func();
                }
                catch (Exception ex)
                {
                    if (attempt == maxAttempts)
                        throw;

                    if (onRetry != null) onRetry(attempt, ex);
                    Thread.Sleep(TimeSpan.FromSeconds(attempt * 2));
                }
            }

            throw new InvalidOperationException("unreachable");
        }
    }

    public class ReleaseNotesWriter
    {
        private readonly ChatClient _client;

        public ReleaseNotesWriter(ChatClient client)
        {
            _client = client;
        }

        public string Write(IList<string> commitMessages)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Write user-facing release notes grouped into Features, Fixes and Other."),
                new UserChatMessage(string.Join(Environment.NewLine, commitMessages))
            };

            ChatCompletion completion = RetryUtil.ExecuteWithRetry(
                () => _client.CompleteChat(messages).Value,
                onRetry: (n, ex) => Console.WriteLine("Release notes attempt " + n + " failed: " + ex.Message));

            return completion.Content[0].Text;
        }
    }
}
