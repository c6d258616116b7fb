// lang: latest
// expect: flagged
// shape: Semantic Kernel [KernelFunction] plugin method (async) that calls a gateway endpoint with HttpClient.GetAsync in a bounded for loop, retries whenever !response.IsSuccessStatusCode, and blocks with Thread.Sleep of an unjittered doubling delay; throws after the loop.
using System;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Corpus.N78;

public sealed class KnowledgeSearchPlugin
{
    private readonly HttpClient _http;

    public KnowledgeSearchPlugin(HttpClient http)
    {
        _http = http;
    }

    [KernelFunction("search_knowledge_base")]
    [Description("Searches the internal knowledge base and returns the top passages as JSON.")]
    public async Task<string> SearchAsync(
        [Description("The search query")] string query,
        CancellationToken cancellationToken = default)
    {
        string url = "v1/search?top=5&q=" + Uri.EscapeDataString(query);
        int backoffMs = 500;

        for (int attempt = 1; attempt <= 4; attempt++)
        {
            using HttpResponseMessage response = await _http.GetAsync(url, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            Console.WriteLine($"search_knowledge_base: HTTP {(int)response.StatusCode}, attempt {attempt}");
            Thread.Sleep(backoffMs);
            backoffMs *= 2;
        }

        throw new HttpRequestException($"Knowledge search failed for '{query}'.");
    }
}
