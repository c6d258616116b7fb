// lang: latest
// expect: quiet
// shape: Parallel.ForEachAsync over a list of product descriptions where each item is sent once to IChatCompletionService.GetChatMessageContentAsync; catch (HttpOperationException) records the item as failed in a ConcurrentBag and moves on to other items, nothing is re-sent
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N148;

public sealed record Product(int Id, string Description);
public sealed record Rewrite(int ProductId, string? Text, string? Error);

public sealed class CatalogRewriter(IChatCompletionService chat)
{
    public async Task<IReadOnlyList<Rewrite>> RewriteAllAsync(IEnumerable<Product> products, CancellationToken ct)
    {
        var results = new ConcurrentBag<Rewrite>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };

        await Parallel.ForEachAsync(products, options, async (product, token) =>
        {
            var history = new ChatHistory("Rewrite product descriptions to be concise and SEO friendly.");
            history.AddUserMessage(product.Description);

            try
            {
                var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: token);
                results.Add(new Rewrite(product.Id, reply.Content, null));
            }
            catch (HttpOperationException ex)
            {
                results.Add(new Rewrite(product.Id, null, $"{(int?)ex.StatusCode}: {ex.ResponseContent}"));
            }
        });

        return results.OrderBy(r => r.ProductId).ToList();
    }
}
