// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework C# 7.3 synchronous recursive retry: a private Answer(question, context, retries) overload around an Azure.AI.OpenAI ChatClient.CompleteChat catches ClientResultException when (ex.Status == 429 && retries > 0), writes to Console, Thread.Sleeps a constant 5 s and calls itself with retries - 1; every 429 is retried, sticky quota codes included
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N168
{
    public class KnowledgeBaseAnswerer
    {
        private readonly ChatClient _chat;
        private readonly int _retryDelayMs;

        public KnowledgeBaseAnswerer(Uri endpoint, string apiKey, string deployment, int retryDelayMs = 5000)
        {
            var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey));
            _chat = azure.GetChatClient(deployment);
            _retryDelayMs = retryDelayMs;
        }

        public string Answer(string question, string context)
        {
            return Answer(question, context, 3);
        }

        private string Answer(string question, string context, int retries)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Answer using only the knowledge base extract below. Say 'I don't know' otherwise.\n\n" + context),
                new UserChatMessage(question)
            };

            try
            {
                ChatCompletion completion = _chat.CompleteChat(messages);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429 && retries > 0)
            {
                Console.WriteLine("Azure OpenAI rate limit hit, retrying in " + _retryDelayMs + " ms (" + retries + " retries left)");
                Thread.Sleep(_retryDelayMs);
                return Answer(question, context, retries - 1);
            }
        }
    }
}
