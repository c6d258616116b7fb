// lang: latest
// expect: flagged
// shape: async method with int retries = 3; while (retries > 0) around an Azure.AI.OpenAI ChatClient.CompleteChatAsync; catch (Exception ex) decrements the counter, rethrows with LogError when it hits zero, otherwise logs LogWarning and blocks the thread with a constant Thread.Sleep(2000) inside the async method; every failure kind is retried
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N202
{
    public class MeetingNotesService
    {
        private readonly ChatClient _chatClient;
        private readonly ILogger<MeetingNotesService> _logger;

        public MeetingNotesService(Uri endpoint, string apiKey, string deployment, ILogger<MeetingNotesService> logger)
        {
            var azureClient = new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey));
            _chatClient = azureClient.GetChatClient(deployment);
            _logger = logger;
        }

        public async Task<string> SummarizeTranscriptAsync(string transcript)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Summarize the meeting transcript into decisions, action items (with owners) and open questions."),
                new UserChatMessage(transcript)
            };

            int retries = 3;
            while (retries > 0)
            {
                try
                {
                    ChatCompletion completion = await _chatClient.CompleteChatAsync(messages);
                    _logger.LogInformation("Summary generated ({Tokens} tokens)", completion.Usage?.TotalTokenCount);
                    return completion.Content[0].Text;
                }
                catch (Exception ex)
                {
                    retries--;
                    if (retries == 0)
                    {
                        _logger.LogError(ex, "Summarization failed, giving up");
                        throw;
                    }

                    _logger.LogWarning(ex, "Summarization failed, {Retries} retries left", retries);
                    Thread.Sleep(2000);
                }
            }

            throw new InvalidOperationException("Retry loop exited unexpectedly.");
        }
    }
}
