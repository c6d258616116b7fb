// lang: latest
// expect: flagged
// shape: for loop around IChatCompletionService whose catch (Exception ex) when (attempt < MaxAttempts) bounds the loop but does not narrow the failure kind; waits are capped exponential with random jitter.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N33;

public class RecipeAgent
{
    private const int MaxAttempts = 4;
    private readonly IChatCompletionService _completion;
    private readonly Kernel _kernel;

    public RecipeAgent(Kernel kernel, IChatCompletionService completion)
    {
        _kernel = kernel;
        _completion = completion;
    }

    public async Task<string> SuggestAsync(string ingredients, CancellationToken ct)
    {
        var history = new ChatHistory("You are a helpful chef. Suggest one recipe.");
        history.AddUserMessage("I have: " + ingredients);

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var answer = await _completion.GetChatMessageContentAsync(history, kernel: _kernel, cancellationToken: ct);
                return answer.Content ?? string.Empty;
            }
            catch (Exception ex) when (attempt < MaxAttempts)
            {
                var cap = Math.Min(20_000, 1_000 * Math.Pow(2, attempt));
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
                Console.WriteLine($"Chef call failed ({ex.GetType().Name}), retrying in {delay.TotalMilliseconds:0} ms");
                await Task.Delay(delay, ct);
            }
        }
    }
}
