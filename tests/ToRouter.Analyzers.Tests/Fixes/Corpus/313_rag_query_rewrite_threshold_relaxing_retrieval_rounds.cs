// lang: latest
// expect: quiet
// shape: RAG retriever embeds the question, searches the vector store and, while too few chunks clear the similarity threshold, asks the chat model for a broader query and relaxes the threshold before searching again; every round changes the request and SDK errors propagate, so it is query refinement, not a retry loop.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Corpus.N313
{
    public sealed record ScoredChunk(string Id, string Text, float Score);

    public interface IVectorSearch
    {
        Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, int top, float minScore, CancellationToken ct);
    }

    public sealed class RefiningRetriever
    {
        private const int MaxRounds = 3;
        private const int MinHits = 3;

        private readonly EmbeddingClient _embeddings;
        private readonly ChatClient _chat;
        private readonly IVectorSearch _search;

        public RefiningRetriever(EmbeddingClient embeddings, ChatClient chat, IVectorSearch search)
        {
            _embeddings = embeddings;
            _chat = chat;
            _search = search;
        }

        public async Task<IReadOnlyList<ScoredChunk>> RetrieveAsync(string question, CancellationToken ct = default)
        {
            var query = question;
            var minScore = 0.82f;
            var tried = new List<string>();
            IReadOnlyList<ScoredChunk> hits = Array.Empty<ScoredChunk>();

            for (var round = 0; round < MaxRounds; round++)
            {
                tried.Add(query);
                OpenAIEmbedding embedding = (await _embeddings.GenerateEmbeddingAsync(query, cancellationToken: ct)).Value;
                hits = await _search.SearchAsync(embedding.ToFloats(), top: 8, minScore, ct);
                if (hits.Count >= MinHits)
                    break;

                // Not enough context: ask for a broader phrasing and relax the cut-off.
                ChatCompletion rewrite = await _chat.CompleteChatAsync(
                    [
                        new SystemChatMessage("Rewrite the search query so it is broader and uses common terminology. " +
                                              "Reply with the query only. Already tried: " + string.Join(" | ", tried)),
                        new UserChatMessage(question),
                    ],
                    new ChatCompletionOptions { Temperature = 0.7f, MaxOutputTokenCount = 64 },
                    ct);

                query = rewrite.Content[0].Text.Trim();
                minScore = Math.Max(0.6f, minScore - 0.07f);
            }

            Debug.WriteLine($"retrieval: {hits.Count} hits after {tried.Count} round(s), final query '{query}'");
            return hits;
        }
    }
}
