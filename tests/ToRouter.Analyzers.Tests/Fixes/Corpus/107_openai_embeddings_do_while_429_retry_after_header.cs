// lang: latest
// expect: flagged
// shape: do-while (retryCount < MaxRetries) around OpenAI EmbeddingClient.GenerateEmbeddingsAsync; catch (ClientResultException ex) when (ex.Status == 429) reads only the Retry-After header from GetRawResponse() (fallback 10 s), never the error body, so sticky quota 429s are retried; throws after the loop.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N107;

public class FaqEmbeddingJob
{
    private const int MaxRetries = 4;
    private readonly EmbeddingClient _client;

    public FaqEmbeddingJob(EmbeddingClient client) => _client = client;

    public async Task<OpenAIEmbeddingCollection> EmbedBatchAsync(IList<string> questions, CancellationToken cancellationToken = default)
    {
        int retryCount = 0;
        do
        {
            try
            {
                ClientResult<OpenAIEmbeddingCollection> result = await _client.GenerateEmbeddingsAsync(questions, cancellationToken: cancellationToken);
                return result.Value;
            }
            catch (ClientResultException ex) when (ex.Status == 429)
            {
                retryCount++;
                TimeSpan wait = TimeSpan.FromSeconds(10);
                PipelineResponse raw = ex.GetRawResponse();
                if (raw != null
                    && raw.Headers.TryGetValue("Retry-After", out string retryAfter)
                    && int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds))
                {
                    wait = TimeSpan.FromSeconds(seconds);
                }

                Console.WriteLine($"Embeddings throttled; waiting {wait.TotalSeconds}s (retry {retryCount}/{MaxRetries})");
                await Task.Delay(wait, cancellationToken);
            }
        }
        while (retryCount < MaxRetries);

        throw new InvalidOperationException($"Embedding batch still throttled after {MaxRetries} retries.");
    }
}
