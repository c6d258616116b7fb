// lang: latest
// expect: flagged
// shape: async method with while (attempts < 3) around AnthropicClient.Messages.Create; catch (AnthropicRateLimitException) increments attempts, prints a message and blocks with Thread.Sleep(5000), and string.Empty is returned when the attempts run out.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N95;

public class RecipeSuggester
{
    private readonly AnthropicClient _client;

    public RecipeSuggester(AnthropicClient client)
    {
        _client = client;
    }

    public async Task<string> SuggestAsync(string ingredients)
    {
        var parameters = new MessageCreateParams
        {
            Model = Model.ClaudeHaiku4_5,
            MaxTokens = 800,
            Messages = new List<MessageParam> { new UserMessageParam("Suggest one dinner recipe using: " + ingredients) },
        };

        int attempts = 0;
        while (attempts < 3)
        {
            try
            {
                Message message = await _client.Messages.Create(parameters);
                return string.Concat(message.Content.Select(b => b.TryPickText(out TextBlock text) ? text.Text : ""));
            }
            catch (AnthropicRateLimitException)
            {
                attempts++;
                Console.WriteLine("Claude is rate limiting us, waiting 5 seconds...");
                Thread.Sleep(5000);
            }
        }

        return string.Empty;
    }
}
