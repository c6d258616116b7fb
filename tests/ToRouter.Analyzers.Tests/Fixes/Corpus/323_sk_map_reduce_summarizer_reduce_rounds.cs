// lang: latest
// expect: quiet
// shape: Semantic Kernel long-document summarizer maps chunks to partial summaries, then reduces them in rounds (while more than one partial remains, merge groups of four with IChatCompletionService); the loop keeps going after each successful call and HttpOperationException is logged and rethrown, so nothing is retried.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N323;

public sealed class MapReduceSummarizer(IChatCompletionService chat, ILogger<MapReduceSummarizer> logger)
{
    private const int GroupSize = 4;
    private const int MaxChunkChars = 12_000;

    public async Task<string> SummarizeAsync(string document, CancellationToken ct = default)
    {
        var partials = new List<string>();
        foreach (var chunk in Split(document, MaxChunkChars))
            partials.Add(await AskAsync("Summarize this section of a design document in at most 8 bullet points.", chunk, ct));

        var round = 0;
        while (partials.Count > 1)
        {
            round++;
            var next = new List<string>((partials.Count + GroupSize - 1) / GroupSize);
            for (var i = 0; i < partials.Count; i += GroupSize)
            {
                var group = partials.Skip(i).Take(GroupSize);
                next.Add(await AskAsync(
                    "Merge these partial summaries into one bullet list, removing duplicates and keeping decisions and open questions.",
                    string.Join("\n\n---\n\n", group), ct));
            }

            logger.LogDebug("Reduce round {Round}: {Before} -> {After} summaries", round, partials.Count, next.Count);
            partials = next;
        }

        return partials.Count == 0 ? string.Empty : partials[0];
    }

    private async Task<string> AskAsync(string instruction, string input, CancellationToken ct)
    {
        var history = new ChatHistory(instruction);
        history.AddUserMessage(input);
        try
        {
            var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
            return reply.Content ?? string.Empty;
        }
        catch (HttpOperationException ex)
        {
            logger.LogError(ex, "Summarization call failed with {Status}", ex.StatusCode);
            throw;
        }
    }

    private static IEnumerable<string> Split(string text, int maxChars)
    {
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var current = new System.Text.StringBuilder();
        foreach (var p in paragraphs)
        {
            if (current.Length > 0 && current.Length + p.Length > maxChars)
            {
                yield return current.ToString();
                current.Clear();
            }
            current.Append(p).Append("\n\n");
        }
        if (current.Length > 0)
            yield return current.ToString();
    }
}
