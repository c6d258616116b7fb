// lang: latest
// expect: quiet
// shape: Failover loop that walks a list of Semantic Kernel instances (one per region / API key), tries each chat service once, moves on only on HttpOperationException 429 / 5xx or no status, lets every other failure propagate, and throws an AggregateException when every region failed.
#nullable enable
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N247;

public sealed record RegionalKernel(string Region, Kernel Kernel);

public sealed class FailoverChatRouter(IReadOnlyList<RegionalKernel> kernels, ILogger<FailoverChatRouter> logger)
{
    private int _preferred;

    public async Task<ChatMessageContent> GetReplyAsync(ChatHistory history, CancellationToken ct = default)
    {
        var failures = new List<Exception>();
        var start = Volatile.Read(ref _preferred);
        var ordered = new List<RegionalKernel>(kernels.Count);
        for (int i = 0; i < kernels.Count; i++)
            ordered.Add(kernels[(start + i) % kernels.Count]);

        foreach (var candidate in ordered)
        {
            var chat = candidate.Kernel.GetRequiredService<IChatCompletionService>();
            try
            {
                var reply = await chat.GetChatMessageContentAsync(history, kernel: candidate.Kernel, cancellationToken: ct);
                Volatile.Write(ref _preferred, kernels.IndexOf(candidate));   // stick with the region that worked
                return reply;
            }
            catch (HttpOperationException ex) when (ex.StatusCode is null
                                                    or HttpStatusCode.TooManyRequests
                                                    or >= HttpStatusCode.InternalServerError)
            {
                // A quota-exhausted key in one region is not exhausted in the next one: move on.
                logger.LogWarning("Region {Region} unavailable ({Status}), failing over", candidate.Region, ex.StatusCode);
                failures.Add(ex);
            }
        }

        throw new AggregateException("All regions failed for this chat request.", failures);
    }
}

internal static class ListExtensions
{
    public static int IndexOf<T>(this IReadOnlyList<T> list, T item)
    {
        for (int i = 0; i < list.Count; i++)
            if (EqualityComparer<T>.Default.Equals(list[i], item)) return i;
        return -1;
    }
}
