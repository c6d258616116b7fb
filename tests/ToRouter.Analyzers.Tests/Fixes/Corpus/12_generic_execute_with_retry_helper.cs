// lang: latest
// expect: flagged
// shape: generic static helper ExecuteWithRetryAsync<T>(Func<Task<T>>) with a for loop, catch (Exception) storing lastException, unjittered 1000 * 2^attempt ms waits, and a wrapping throw after the loop; plus a call site passing a ChatClient call.
using System;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N12
{
    public static class RetryHelper
    {
        public static async Task<T> ExecuteWithRetryAsync<T>(Func<Task<T>> action, int maxRetries = 3)
        {
            Exception lastException = null;

            for (int attempt = 0; attempt < maxRetries; attempt++)
            {
                try
                {
                    return await action();
                }
                catch (Exception ex)
                {
                    lastException = ex;
                    int delayMs = 1000 * (int)Math.Pow(2, attempt);
                    Console.WriteLine($"Attempt {attempt + 1} failed: {ex.Message}. Waiting {delayMs}ms before retrying...");
                    await Task.Delay(delayMs);
                }
            }

            throw new Exception($"Operation failed after {maxRetries} attempts", lastException);
        }
    }

    public class ProductDescriptionGenerator
    {
        private readonly ChatClient _chatClient;

        public ProductDescriptionGenerator(ChatClient chatClient)
        {
            _chatClient = chatClient;
        }

        public async Task<string> GenerateAsync(string productName, string features)
        {
            var completion = await RetryHelper.ExecuteWithRetryAsync(() =>
                _chatClient.CompleteChatAsync(
                    new SystemChatMessage("You write short, factual product descriptions."),
                    new UserChatMessage($"Product: {productName}\nFeatures: {features}")));

            return completion.Value.Content[0].Text;
        }
    }
}
