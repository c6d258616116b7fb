// lang: latest
// expect: flagged
// shape: bounded for loop that rebuilds an identical message list and options inside every iteration (the request does not actually change) around ChatClient.CompleteChatAsync; catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500) rethrows on the last attempt, otherwise waits an unjittered TimeSpan.FromSeconds(Math.Pow(2, attempt)), never reading the body for sticky quota codes
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N185
{
    public class CodeReviewBot
    {
        private readonly ChatClient _chat;
        private readonly ILogger<CodeReviewBot> _logger;
        private readonly int _maxAttempts;

        public CodeReviewBot(ChatClient chat, ILogger<CodeReviewBot> logger, int maxAttempts = 4)
        {
            _chat = chat;
            _logger = logger;
            _maxAttempts = maxAttempts;
        }

        public async Task<string> ReviewAsync(string fileName, string patch, CancellationToken ct)
        {
            for (int attempt = 0; attempt < _maxAttempts; attempt++)
            {
                var messages = new List<ChatMessage>
                {
                    new SystemChatMessage("You are a strict senior reviewer. Point out bugs and risky changes, not style."),
                    new UserChatMessage($"File: {fileName}\n```diff\n{patch}\n```"),
                };
                var options = new ChatCompletionOptions { Temperature = 0f, MaxOutputTokenCount = 1500 };

                try
                {
                    ChatCompletion review = await _chat.CompleteChatAsync(messages, options, ct);
                    return review.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    if (attempt + 1 == _maxAttempts)
                        throw;

                    var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                    _logger.LogWarning("Review of {File} failed ({Status}); retrying in {Seconds}s", fileName, ex.Status, wait.TotalSeconds);
                    await Task.Delay(wait, ct);
                }
            }

            throw new InvalidOperationException("Review loop ended without a result.");
        }
    }
}
