// lang: latest
// expect: quiet
// shape: foreach over a list of prompts that sends each one once with AnthropicClient.Messages.Create, collects the answers, and on AnthropicApiException records the failure for that prompt and moves on to the next prompt; nothing is ever re-sent.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N96;

public sealed record PromptResult(string Prompt, string Answer, string Error);

public class EvalRunner
{
    private readonly AnthropicClient _client;

    public EvalRunner(AnthropicClient client) => _client = client;

    public async Task<List<PromptResult>> RunAsync(IEnumerable<string> prompts, CancellationToken cancellationToken = default)
    {
        var results = new List<PromptResult>();

        foreach (string prompt in prompts)
        {
            try
            {
                var parameters = new MessageCreateParams
                {
                    Model = Model.ClaudeSonnet4_5,
                    MaxTokens = 512,
                    Messages = new List<MessageParam> { new UserMessageParam(prompt) },
                };

                Message message = await _client.Messages.Create(parameters, cancellationToken);
                string answer = string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
                results.Add(new PromptResult(prompt, answer, null));
            }
            catch (AnthropicApiException ex)
            {
                Console.WriteLine($"Prompt failed ({(int)ex.StatusCode}): {prompt}");
                results.Add(new PromptResult(prompt, null, ex.Message));
            }
        }

        Console.WriteLine($"{results.Count(r => r.Error == null)}/{results.Count} prompts answered");
        return results;
    }
}
