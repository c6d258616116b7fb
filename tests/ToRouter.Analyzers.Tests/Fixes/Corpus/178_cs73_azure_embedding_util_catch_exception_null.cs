// lang: 7.3
// expect: flagged
// shape: C# 7.3 static utility method around an Azure.AI.OpenAI EmbeddingClient.GenerateEmbeddingAsync in a for loop; catch (Exception ex) only rethrows ArgumentException (which does not narrow the failure kind: 4xx and sticky quota 429s are retried), waits a linearly growing BaseDelayMs * attempt, and after the last attempt logs an error and returns null
using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N178
{
    public static class EmbeddingUtil
    {
        private const int MaxAttempts = 5;
        private const int BaseDelayMs = 750;

        public static async Task<float[]> GetEmbeddingAsync(
            AzureOpenAIClient azure,
            string deployment,
            string text,
            ILogger logger,
            CancellationToken ct)
        {
            EmbeddingClient client = azure.GetEmbeddingClient(deployment);

            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                try
                {
                    OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync(text, null, ct).ConfigureAwait(false);
                    return embedding.ToFloats().ToArray();
                }
                catch (Exception ex)
                {
                    if (ex is ArgumentException)
                        throw;

                    logger.LogWarning(ex, "Embedding attempt {Attempt} of {Max} failed", attempt, MaxAttempts);
                    await Task.Delay(TimeSpan.FromMilliseconds(BaseDelayMs * attempt), ct).ConfigureAwait(false);
                }
            }

            logger.LogError("Embedding failed after {Max} attempts; the document will be indexed without a vector", MaxAttempts);
            return null;
        }
    }
}
