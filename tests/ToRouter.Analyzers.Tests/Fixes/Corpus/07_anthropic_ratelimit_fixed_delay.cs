// lang: latest
// expect: flagged
// shape: for loop over tries around AnthropicClient.Messages.Create with separate catch clauses for AnthropicRateLimitException and AnthropicOverloadedException that each wait a fixed 10 s, then throws InvalidOperationException after the loop.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N07;

public class ClaudeCodeReviewer
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);
    private readonly AnthropicClient _client;

    public ClaudeCodeReviewer(AnthropicClient client) => _client = client;

    public async Task<string> ReviewDiffAsync(string diff, CancellationToken ct = default)
    {
        var parameters = new MessageCreateParams
        {
            Model = Model.ClaudeSonnet4_5,
            MaxTokens = 2048,
            Messages = [new UserMessageParam("Review this diff and list concrete problems:\n\n" + diff)],
        };

        for (int tries = 0; tries < 4; tries++)
        {
            try
            {
                Message message = await _client.Messages.Create(parameters, ct);
                return string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : string.Empty));
            }
            catch (AnthropicRateLimitException)
            {
                Console.WriteLine($"Claude rate limit hit (try {tries + 1}), sleeping {RetryDelay.TotalSeconds}s");
                await Task.Delay(RetryDelay, ct);
            }
            catch (AnthropicOverloadedException)
            {
                Console.WriteLine($"Claude overloaded (try {tries + 1}), sleeping {RetryDelay.TotalSeconds}s");
                await Task.Delay(RetryDelay, ct);
            }
        }

        throw new InvalidOperationException("Claude is still rate limiting us, giving up on this review.");
    }
}
