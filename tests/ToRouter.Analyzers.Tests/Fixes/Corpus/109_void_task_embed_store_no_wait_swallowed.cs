// lang: latest
// expect: flagged
// shape: async Task (no result) method with a for loop that embeds a document and stores it, returning on success; an unfiltered catch (ClientResultException ex) only logs and immediately tries again with no wait, and after the last attempt the method just logs and ends with the document never stored.
using System;
using System.ClientModel;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N109;

public class DocumentVectorStore
{
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<float>> _vectors = new();
    private readonly EmbeddingClient _embeddingClient;

    public DocumentVectorStore(EmbeddingClient embeddingClient) => _embeddingClient = embeddingClient;

    public async Task IndexDocumentAsync(string id, string text, CancellationToken cancellationToken = default)
    {
        const int maxTries = 3;
        for (int i = 0; i < maxTries; i++)
        {
            try
            {
                OpenAIEmbedding embedding = await _embeddingClient.GenerateEmbeddingAsync(text, cancellationToken: cancellationToken);
                _vectors[id] = embedding.ToFloats();
                return;
            }
            catch (ClientResultException ex)
            {
                Console.WriteLine($"Embedding {id} failed with {ex.Status}: {ex.Message}");
            }
        }

        Console.WriteLine($"Giving up on document {id}");
    }
}
