// lang: latest
// expect: flagged
// shape: everyday ILogger<T> service: while (retryCount < _maxRetries) around ChatClient.CompleteChatAsync with an unfiltered catch (ClientResultException ex) that increments the counter, logs LogWarning, rethrows with LogError once the counter reaches the limit and otherwise waits a linear Task.Delay(1000 * retryCount); 400/401/403/404 and sticky quota 429s are retried like 5xx
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N187
{
    public interface IChatService
    {
        Task<string> GetResponseAsync(string userMessage, IEnumerable<(string Role, string Content)> history);
    }

    public class ChatService : IChatService
    {
        private readonly ChatClient _chatClient;
        private readonly ILogger<ChatService> _logger;
        private readonly int _maxRetries = 3;

        public ChatService(ChatClient chatClient, ILogger<ChatService> logger)
        {
            _chatClient = chatClient;
            _logger = logger;
        }

        public async Task<string> GetResponseAsync(string userMessage, IEnumerable<(string Role, string Content)> history)
        {
            var messages = new List<ChatMessage> { new SystemChatMessage("You are a helpful assistant for Contoso HR policies.") };
            foreach (var (role, content) in history)
            {
                messages.Add(role == "assistant" ? new AssistantChatMessage(content) : new UserChatMessage(content));
            }
            messages.Add(new UserChatMessage(userMessage));

            int retryCount = 0;
            while (retryCount < _maxRetries)
            {
                try
                {
                    var response = await _chatClient.CompleteChatAsync(messages);
                    _logger.LogInformation("Chat completion used {Tokens} tokens", response.Value.Usage.TotalTokenCount);
                    return response.Value.Content[0].Text;
                }
                catch (ClientResultException ex)
                {
                    retryCount++;
                    _logger.LogWarning(ex, "OpenAI call failed (attempt {RetryCount}/{MaxRetries}): {Message}", retryCount, _maxRetries, ex.Message);

                    if (retryCount >= _maxRetries)
                    {
                        _logger.LogError(ex, "Max retries reached, giving up");
                        throw;
                    }

                    await Task.Delay(1000 * retryCount);
                }
            }

            throw new InvalidOperationException("Failed to get a response from OpenAI.");
        }
    }
}
