// lang: latest
// expect: flagged
// shape: generic async extension helper WithRetries<T>(this Func<Task<T>>, int) whose for loop catches ClientResultException only for Status >= 500 (correctly narrow, last failure propagates) but blocks with Thread.Sleep(2000) inside the async method, a constant wait; an Azure.AI.OpenAI ChatClient call site uses it
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N140
{
    public static class TaskRetryExtensions
    {
        public static async Task<T> WithRetries<T>(this Func<Task<T>> action, int maxAttempts = 3)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await action();
                }
                catch (ClientResultException ex) when (ex.Status >= 500 && attempt < maxAttempts)
                {
                    Thread.Sleep(2000);
                }
            }
        }
    }

    public class FaqAnswerer
    {
        private readonly ChatClient _chat;

        public FaqAnswerer(string endpoint, string key, string deployment)
        {
            var azure = new AzureOpenAIClient(new Uri(endpoint), new AzureKeyCredential(key));
            _chat = azure.GetChatClient(deployment);
        }

        public Task<string> AnswerAsync(string question)
        {
            Func<Task<string>> call = async () =>
            {
                ChatCompletion c = await _chat.CompleteChatAsync(new UserChatMessage(question));
                return c.Content[0].Text;
            };
            return call.WithRetries(4);
        }
    }
}
