// lang: latest
// expect: flagged
// shape: recursive retry: catch (Exception) waits a fixed 10 s and calls the same method again with maxRetry - 1, but the budget parameter is never tested, so repeated failure recurses forever.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;

namespace Corpus.N11;

public static class AnthropicClientExtensions
{
    public static async Task<string> CompleteWithRetryAsync(
        this AnthropicClient client,
        string system,
        IReadOnlyList<MessageParam> conversation,
        CancellationToken ct = default,
        int maxRetry = 5)
    {
        try
        {
            var message = await client.Messages.Create(new MessageCreateParams
            {
                Model = "claude-haiku-4-5",
                MaxTokens = 1024,
                System = system,
                Messages = conversation.ToList(),
            }, ct);

            return message.Content.First().TryPickText(out var text) ? text.Text : string.Empty;
        }
        catch (Exception)
        {
            await Task.Delay(10000);
            return await client.CompleteWithRetryAsync(system, conversation, ct, maxRetry - 1);
        }
    }
}
