// lang: latest
// expect: flagged
// shape: bounded for loop around an Azure.AI.OpenAI EmbeddingClient.GenerateEmbeddingAsync with catch (Exception ex) that logs through a static IndexLogger.Error(ex, ...), rethrows when attempt == MaxAttempts, and otherwise waits a jittered exponential delay; the catch-all retries 4xx, sticky quota errors and bugs alike.
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using OpenAI.Embeddings;

namespace Corpus.N106;

internal static class IndexLogger
{
    public static void Error(Exception ex, string message) =>
        Console.Error.WriteLine($"ERROR {message} :: {ex}");
}

public class SemanticSearchIndexer
{
    private const int MaxAttempts = 5;
    private readonly EmbeddingClient _embeddings;

    public SemanticSearchIndexer(AzureOpenAIClient azureClient, string deploymentName)
    {
        _embeddings = azureClient.GetEmbeddingClient(deploymentName);
    }

    public async Task<float[]> EmbedAsync(string chunk, CancellationToken cancellationToken = default)
    {
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                OpenAIEmbedding embedding = await _embeddings.GenerateEmbeddingAsync(chunk, cancellationToken: cancellationToken);
                return embedding.ToFloats().ToArray();
            }
            catch (Exception ex)
            {
                IndexLogger.Error(ex, $"Embedding attempt {attempt}/{MaxAttempts} failed");
                if (attempt == MaxAttempts)
                {
                    throw;
                }

                int delayMs = (int)(Math.Pow(2, attempt) * 500) + Random.Shared.Next(0, 500);
                await Task.Delay(delayMs, cancellationToken);
            }
        }

        throw new InvalidOperationException("unreachable");
    }
}
