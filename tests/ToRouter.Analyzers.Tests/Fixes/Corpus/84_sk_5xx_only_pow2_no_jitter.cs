// lang: latest
// expect: flagged
// shape: for loop around IChatCompletionService.GetChatMessageContentsAsync that correctly retries only HttpOperationException with a 5xx StatusCode (429 and 4xx propagate) and lets the last failure through its filter, but waits an exponential 2^attempt seconds with no random jitter.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N84;

public sealed class GlossaryBuilder
{
    private const int MaxAttempts = 4;
    private readonly IChatCompletionService _chat;

    public GlossaryBuilder(IChatCompletionService chat)
    {
        _chat = chat;
    }

    public async Task<IReadOnlyList<string>> ExtractTermsAsync(string document, CancellationToken cancellationToken)
    {
        var history = new ChatHistory();
        history.AddSystemMessage("List the domain-specific terms in the document, one per line, no commentary.");
        history.AddUserMessage(document);

        for (int attempt = 0; ; attempt++)
        {
            try
            {
                IReadOnlyList<ChatMessageContent> replies = await _chat.GetChatMessageContentsAsync(history, cancellationToken: cancellationToken);
                return replies
                    .SelectMany(r => (r.Content ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
            catch (HttpOperationException ex) when (
                ex.StatusCode is { } status && (int)status >= 500 && attempt < MaxAttempts - 1)
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                Console.WriteLine($"Model endpoint returned {(int)status} ({status}); retrying in {delay.TotalSeconds}s");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}
