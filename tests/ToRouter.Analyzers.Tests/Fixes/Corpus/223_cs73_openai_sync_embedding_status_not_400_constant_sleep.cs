// lang: 7.3
// expect: flagged
// shape: Synchronous indexer helper retries EmbeddingClient.GenerateEmbedding on any ClientResultException whose status is not 400 (so 401/402/403/404 and sticky 429 are retried) with a constant Thread.Sleep(500), rethrowing the last error after the loop.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using OpenAI.Embeddings;

namespace Corpus.N223
{
    public class SearchIndexer
    {
        private readonly EmbeddingClient _client;
        private readonly Dictionary<string, float[]> _cache = new Dictionary<string, float[]>(StringComparer.Ordinal);
        private readonly int _retryCount;

        public SearchIndexer(EmbeddingClient client, int retryCount = 3)
        {
            _client = client;
            _retryCount = retryCount;
        }

        public int CacheHits { get; private set; }

        public float[] GetVector(string text)
        {
            float[] cached;
            if (_cache.TryGetValue(text, out cached))
            {
                CacheHits++;
                return cached;
            }

            ClientResultException last = null;
            var options = new EmbeddingGenerationOptions { Dimensions = 512 };

            for (int i = 0; i <= _retryCount; i++)
            {
                try
                {
                    OpenAIEmbedding embedding = _client.GenerateEmbedding(text, options);
                    float[] vector = embedding.ToFloats().ToArray();
                    _cache[text] = vector;
                    return vector;
                }
                catch (ClientResultException ex) when (ex.Status != 400)
                {
                    // 400 means the input itself is bad (too long, empty) - no point retrying that.
                    last = ex;
                    Debug.WriteLine(string.Format("GetVector: try {0} failed with {1}: {2}", i + 1, ex.Status, ex.Message));
                    System.Threading.Thread.Sleep(500);
                }
            }

            throw last;
        }

        public IList<float[]> GetVectors(IEnumerable<string> texts)
        {
            var result = new List<float[]>();
            foreach (var t in texts)
            {
                result.Add(GetVector(t));
            }
            return result;
        }
    }
}
