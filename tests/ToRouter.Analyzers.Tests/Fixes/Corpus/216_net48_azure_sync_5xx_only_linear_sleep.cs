// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework C# 7.3 synchronous while (true) around an Azure.AI.OpenAI ChatClient.CompleteChat; catch (ClientResultException ex) when (ex.Status >= 500) correctly narrows to server errors and rethrows once ++attempt exceeds 3, but waits a linearly growing Thread.Sleep(attempt * 1500) with no jitter
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N216
{
    public class CaseNoteSummarizer
    {
        private const int MaxRetries = 3;

        private readonly ChatClient _chatClient;

        public CaseNoteSummarizer(string endpoint, string apiKey, string deploymentName)
        {
            var client = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(apiKey));
            _chatClient = client.GetChatClient(deploymentName);
        }

        public string Summarize(string caseNotes)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Summarize the case notes for a supervisor in at most five bullet points."),
                new UserChatMessage(caseNotes)
            };

            int attempt = 0;
            while (true)
            {
                try
                {
                    ChatCompletion completion = _chatClient.CompleteChat(messages);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status >= 500)
                {
                    if (++attempt > MaxRetries)
                    {
                        Trace.TraceError("Azure OpenAI still failing after {0} retries: {1}", MaxRetries, ex.Message);
                        throw;
                    }

                    Trace.TraceWarning("Azure OpenAI returned {0}, retry {1} of {2}", ex.Status, attempt, MaxRetries);
                    Thread.Sleep(attempt * 1500);
                }
            }
        }
    }
}
