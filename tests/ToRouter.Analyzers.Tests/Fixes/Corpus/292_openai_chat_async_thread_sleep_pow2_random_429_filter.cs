// lang: latest
// expect: flagged
// shape: An async ChatClient title generator retries ClientResultException 429 up to 5 times, blocking the thread with Thread.Sleep(2^retry s + random ms) inside the async method and never checking the body for sticky quota codes.
#nullable enable
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N292
{
    public interface ITitleGenerator
    {
        Task<string> GenerateTitleAsync(string articleBody, CancellationToken cancellationToken = default);
    }

    public sealed class OpenAITitleGenerator : ITitleGenerator
    {
        private const int MaxRetries = 5;
        private static readonly Random Jitter = new Random();

        private readonly ChatClient _chatClient;
        private readonly ILogger<OpenAITitleGenerator> _logger;

        public OpenAITitleGenerator(ChatClient chatClient, ILogger<OpenAITitleGenerator> logger)
        {
            _chatClient = chatClient;
            _logger = logger;
        }

        public async Task<string> GenerateTitleAsync(string articleBody, CancellationToken cancellationToken = default)
        {
            string prompt = $"Suggest one SEO-friendly title (max 70 characters) for this article:\n\n{articleBody}";
            Exception? lastError = null;

            for (int retry = 0; retry < MaxRetries; retry++)
            {
                try
                {
                    ChatCompletion completion = await _chatClient.CompleteChatAsync(
                        new ChatMessage[] { new UserChatMessage(prompt) },
                        new ChatCompletionOptions { MaxOutputTokenCount = 40 },
                        cancellationToken);

                    return completion.Content[0].Text.Trim().Trim('"');
                }
                catch (ClientResultException ex) when (ex.Status == 429)
                {
                    lastError = ex;
                    int waitTime = (int)Math.Pow(2, retry) * 1000 + Jitter.Next(0, 500);
                    _logger.LogWarning("Rate limit hit. Waiting {WaitTime}ms before retry {Retry}...", waitTime, retry + 1);
                    Thread.Sleep(waitTime);
                }
            }

            throw new InvalidOperationException($"Failed to generate a title after {MaxRetries} retries.", lastError);
        }
    }
}
