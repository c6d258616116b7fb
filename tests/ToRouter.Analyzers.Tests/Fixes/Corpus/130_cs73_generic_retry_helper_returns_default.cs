// lang: 7.3
// expect: flagged
// shape: C# 7.3 static generic RetryHelper.ExecuteAsync<T>(Func<Task<T>>, string) with a for loop over a delay table (1, 2, 4, 8 s); the catch (Exception ex) when (!(ex is ArgumentException)) filter does not narrow the failure kind, and after the table is exhausted the helper returns default(T) instead of throwing; a ChatClient call site passes a lambda
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N130
{
    public static class RetryHelper
    {
        private static readonly TimeSpan[] Delays =
        {
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2),
            TimeSpan.FromSeconds(4),
            TimeSpan.FromSeconds(8),
        };

        public static ILogger Logger { get; set; }

        public static async Task<T> ExecuteAsync<T>(Func<Task<T>> operation, string operationName)
        {
            for (int i = 0; i <= Delays.Length; i++)
            {
                try
                {
                    return await operation().ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is ArgumentException))
                {
                    if (Logger != null)
                    {
                        Logger.LogWarning(ex, "{Operation} failed on attempt {Attempt}", operationName, i + 1);
                    }

                    if (i < Delays.Length)
                    {
                        await Task.Delay(Delays[i]).ConfigureAwait(false);
                    }
                }
            }

            return default(T);
        }
    }

    public class TagSuggester
    {
        private readonly ChatClient chatClient;

        public TagSuggester(ChatClient chatClient)
        {
            this.chatClient = chatClient;
        }

        public async Task<string[]> SuggestAsync(string articleText)
        {
            string raw = await RetryHelper.ExecuteAsync(async () =>
            {
                ChatCompletion completion = await chatClient.CompleteChatAsync(
                    new SystemChatMessage("Return 5 comma separated tags for the article."),
                    new UserChatMessage(articleText)).ConfigureAwait(false);
                return completion.Content[0].Text;
            }, "SuggestTags").ConfigureAwait(false);

            return raw == null ? new string[0] : raw.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
