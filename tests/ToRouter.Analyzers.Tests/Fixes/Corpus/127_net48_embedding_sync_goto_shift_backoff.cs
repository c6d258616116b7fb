// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework C# 7.3 synchronous goto-label retry around OpenAI EmbeddingClient.GenerateEmbedding; catch (ClientResultException ex) when (ex.Status == 429 && tries++ < 5) Thread.Sleeps an unjittered 1000 << tries ms and jumps back, so every 429 (sticky quota codes included) is retried
using System;
using System.ClientModel;
using System.Diagnostics;
using System.Threading;
using OpenAI;
using OpenAI.Embeddings;

namespace Corpus.N127
{
    public class ProductVectorizer
    {
        private readonly EmbeddingClient _client;

        public ProductVectorizer(string apiKey)
        {
            _client = new OpenAIClient(apiKey).GetEmbeddingClient("text-embedding-3-small");
        }

        public OpenAIEmbedding Vectorize(string sku, string description)
        {
            int tries = 0;

        retry:
            try
            {
                OpenAIEmbedding embedding = _client.GenerateEmbedding(description);
                return embedding; // net48 test references lack System.Memory, so no ToFloats() here
            }
            catch (ClientResultException ex) when (ex.Status == 429 && tries++ < 5)
            {
                Trace.TraceWarning("Embedding throttled for {0}, try {1}", sku, tries);
                Thread.Sleep(1000 << tries);
                goto retry;
            }
        }
    }
}
