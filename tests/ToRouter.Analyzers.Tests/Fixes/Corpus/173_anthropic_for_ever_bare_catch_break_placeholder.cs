// lang: latest
// expect: flagged
// shape: for (;;) around AnthropicClient.Messages.Create with a bare catch that counts failures to Console.Error, breaks out after more than 5 and otherwise waits a constant 2 s; every failure kind is retried and, after the last one, the method returns a canned "(no suggestion available right now)" string instead of throwing
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;

namespace Corpus.N173
{
    public class RecipeAssistant
    {
        private readonly AnthropicClient _client;

        public RecipeAssistant(AnthropicClient client)
        {
            _client = client;
        }

        public async Task<string> SuggestRecipeAsync(IEnumerable<string> ingredients)
        {
            var prompt = "I have: " + string.Join(", ", ingredients) + ". Suggest one dinner recipe with steps.";
            var failures = 0;
            string answer = "(no suggestion available right now)";

            for (;;)
            {
                try
                {
                    var response = await _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 800,
                        Messages = new List<MessageParam> { new UserMessageParam { Content = prompt } },
                    });

                    answer = string.Concat(response.Content.Select(c => c.Value).OfType<TextBlock>().Select(t => t.Text));
                    break;
                }
                catch
                {
                    failures++;
                    Console.Error.WriteLine($"Claude call failed ({failures}), trying again...");
                    if (failures > 5)
                        break;
                    await Task.Delay(2000);
                }
            }

            return answer;
        }
    }
}
