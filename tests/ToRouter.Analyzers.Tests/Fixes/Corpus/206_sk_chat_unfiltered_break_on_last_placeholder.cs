// lang: latest
// expect: flagged
// shape: chatbot service with for (int i = 0; i <= _maxRetries; i++) around IChatCompletionService.GetChatMessageContentAsync; an unfiltered catch (HttpOperationException ex) logs LogWarning with the status, breaks out on the last try and otherwise waits a constant 5 s; 400/401/403/404 and sticky quota 429s are retried and after the loop the method returns a canned "assistant not available" message instead of the failure
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N206
{
    public class HelpdeskBot
    {
        private const string Unavailable = "Sorry, the assistant is not available right now. Please try again later.";

        private readonly IChatCompletionService _chat;
        private readonly PromptExecutionSettings _settings;
        private readonly ILogger<HelpdeskBot> _logger;
        private readonly int _maxRetries;

        public HelpdeskBot(IChatCompletionService chat, ILogger<HelpdeskBot> logger, int maxRetries = 3)
        {
            _chat = chat;
            _logger = logger;
            _maxRetries = maxRetries;
            _settings = new PromptExecutionSettings
            {
                ExtensionData = new System.Collections.Generic.Dictionary<string, object>
                {
                    ["temperature"] = 0.3,
                    ["max_tokens"] = 600
                }
            };
        }

        public async Task<string> AnswerAsync(ChatHistory history, string userMessage, CancellationToken ct = default)
        {
            history.AddUserMessage(userMessage);

            for (int i = 0; i <= _maxRetries; i++)
            {
                try
                {
                    var reply = await _chat.GetChatMessageContentAsync(history, _settings, kernel: null, ct);
                    history.Add(reply);
                    return reply.Content ?? string.Empty;
                }
                catch (HttpOperationException ex)
                {
                    _logger.LogWarning(ex, "Chat completion failed with {StatusCode} (try {Try} of {Max})",
                        ex.StatusCode, i + 1, _maxRetries + 1);

                    if (i == _maxRetries)
                        break;

                    await Task.Delay(TimeSpan.FromSeconds(5), ct);
                }
            }

            return Unavailable;
        }
    }
}
