// lang: latest
// expect: flagged
// shape: for loop around ChatClient.CompleteChatAsync that stores the reply in a result variable and breaks on success; catch (Exception ex) prints "Retry {i}..." and waits a linearly growing Task.Delay(1000 * (i + 1)), and the still-null result is returned after the last attempt.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N86;

public class ProductDescriptionWriter
{
    private readonly ChatClient _chatClient;
    private readonly int _maxRetries;

    public ProductDescriptionWriter(ChatClient chatClient, int maxRetries = 3)
    {
        _chatClient = chatClient;
        _maxRetries = maxRetries;
    }

    public async Task<string> WriteDescriptionAsync(string productName, string features)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("You write short, punchy e-commerce product descriptions."),
            new UserChatMessage($"Product: {productName}\nFeatures: {features}"),
        };

        string result = null;
        for (int i = 0; i < _maxRetries; i++)
        {
            try
            {
                ChatCompletion completion = await _chatClient.CompleteChatAsync(messages);
                result = completion.Content[0].Text;
                break;
            }
            catch (Exception ex)
            {
                Console.WriteLine($"Retry {i + 1}/{_maxRetries} after error: {ex.Message}");
                await Task.Delay(1000 * (i + 1));
            }
        }

        return result;
    }
}
