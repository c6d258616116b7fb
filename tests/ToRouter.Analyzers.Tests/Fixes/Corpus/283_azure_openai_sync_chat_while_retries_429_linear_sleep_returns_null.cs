// lang: latest
// expect: flagged
// shape: Synchronous Azure.AI.OpenAI ChatClient.CompleteChat in a while (retries < 5) loop that catches ClientResultException with Status 429, sleeps 2 s * retries (linear) without checking for sticky quota codes, and returns null when the retries run out.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N283
{
    public class TicketClassifier
    {
        private readonly ChatClient _chatClient;
        private int _totalThrottles;

        public TicketClassifier(string endpoint, string apiKey, string deployment)
        {
            var azureClient = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(apiKey));
            _chatClient = azureClient.GetChatClient(deployment);
        }

        public int TotalThrottles => _totalThrottles;

        /// <summary>Returns "billing", "technical", "account" or "other"; null if the service is unavailable.</summary>
        public string Classify(string ticketText)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Classify the support ticket. Answer with exactly one word: billing, technical, account or other."),
                new UserChatMessage(ticketText)
            };

            int retries = 0;
            string label = null;
            while (retries < 5)
            {
                try
                {
                    ChatCompletion completion = _chatClient.CompleteChat(messages);
                    label = completion.Content[0].Text.Trim().ToLowerInvariant();
                    break;
                }
                catch (ClientResultException ex) when (ex.Status == 429)
                {
                    retries++;
                    _totalThrottles++;
                    Debug.WriteLine($"Azure OpenAI throttled the request ({ex.Message}). Retry #{retries}");
                    Thread.Sleep(2000 * retries);
                }
            }

            if (label == null)
            {
                Debug.WriteLine("Giving up on classification after 5 throttled attempts.");
            }
            return label;
        }
    }
}
