// lang: latest
// expect: flagged
// shape: a static extension method blocks on EmbeddingClient.GenerateEmbeddingAsync(...).Result and retries when the AggregateException wraps a ClientResultException with Status 429, sleeping 2^i seconds with no jitter and never checking the body for sticky quota codes.
using System;
using System.ClientModel;
using System.Diagnostics;
using System.Threading;
using OpenAI.Embeddings;

namespace Corpus.N258
{
    public static class EmbeddingClientBlockingExtensions
    {
        /// <summary>
        /// Synchronous wrapper for the old indexing pipeline, which cannot go async
        /// because it runs inside a Lucene IndexWriter callback.
        /// </summary>
        public static float[] EmbedBlocking(this EmbeddingClient client, string text, int maxAttempts = 5)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            var started = DateTime.UtcNow;

            for (int i = 0; ; i++)
            {
                try
                {
                    OpenAIEmbedding embedding = client.GenerateEmbeddingAsync(text).Result.Value;
                    if (i > 0)
                        Trace.TraceInformation("embedding succeeded after {0} retries ({1:F1}s)", i, (DateTime.UtcNow - started).TotalSeconds);
                    return embedding.ToFloats().ToArray();
                }
                catch (AggregateException ae) when (ae.InnerException is ClientResultException cre && cre.Status == 429 && i < maxAttempts - 1)
                {
                    var wait = TimeSpan.FromSeconds(Math.Pow(2, i));
                    Trace.TraceWarning("rate limited while embedding {0} chars, waiting {1}", text.Length, wait);
                    Thread.Sleep(wait);
                }
            }
        }
    }
}
