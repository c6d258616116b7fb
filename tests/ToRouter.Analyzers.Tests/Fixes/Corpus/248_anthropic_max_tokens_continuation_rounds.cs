// lang: latest
// expect: quiet
// shape: Long-document translator that calls Anthropic Messages.Create again only while the previous reply stopped on max_tokens, each time appending the partial assistant text and a "continue" turn to the message list; it keeps going after successful calls and changes the request, so it is not a retry loop.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;

namespace Corpus.N248;

public sealed class LongDocumentTranslator(AnthropicClient client)
{
    private const int MaxRounds = 6;

    public async Task<string> TranslateAsync(string markdown, string targetLanguage, CancellationToken ct = default)
    {
        var messages = new List<MessageParam>
        {
            new UserMessageParam($"Translate this Markdown document into {targetLanguage}. Keep the formatting.\n\n{markdown}"),
        };
        var output = new StringBuilder(markdown.Length);
        long outputTokens = 0;

        for (int round = 1; round <= MaxRounds; round++)
        {
            var reply = await client.Messages.Create(new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 4096,
                Messages = messages,
            }, ct);

            var chunk = string.Concat(reply.Content.Select(b => b.TryPickText(out var t) ? t.Text : string.Empty));
            output.Append(chunk);
            outputTokens += reply.Usage.OutputTokens;
            Debug.WriteLine($"translate round {round}: +{chunk.Length} chars, stop={reply.StopReason?.Raw()}");

            if (reply.StopReason != StopReason.MaxTokens)
                return output.ToString();

            // Truncated: feed the partial answer back and ask for the rest.
            messages.Add(new AssistantMessageParam(chunk));
            messages.Add(new UserMessageParam("Continue exactly where you stopped. Do not repeat anything."));
        }

        Debug.WriteLine($"translation still incomplete after {MaxRounds} rounds ({outputTokens} output tokens)");
        throw new InvalidOperationException($"Translation did not finish within {MaxRounds} rounds.");
    }
}
