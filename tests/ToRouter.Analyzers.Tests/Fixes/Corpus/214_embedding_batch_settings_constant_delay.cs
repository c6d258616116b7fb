// lang: latest
// expect: flagged
// shape: enterprise service configured by an injected LlmRetrySettings object: for (attempt = 1; attempt <= MaxRetries + 1; attempt++) around EmbeddingClient.GenerateEmbeddingsAsync with catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500) that rethrows with LogError on the last attempt and otherwise waits the constant configured RetryDelay; the body is never read, so sticky API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are retried
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N214
{
    public sealed class LlmRetrySettings
    {
        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(3);
    }

    public sealed class ProductVectorizer
    {
        private readonly EmbeddingClient _client;
        private readonly LlmRetrySettings _settings;
        private readonly ILogger<ProductVectorizer> _logger;

        public ProductVectorizer(EmbeddingClient client, LlmRetrySettings settings, ILogger<ProductVectorizer> logger)
        {
            _client = client;
            _settings = settings;
            _logger = logger;
        }

        public async Task<IReadOnlyList<float[]>> VectorizeAsync(IReadOnlyList<string> descriptions, CancellationToken cancellationToken)
        {
            var options = new EmbeddingGenerationOptions { Dimensions = 512 };
            var totalAttempts = _settings.MaxRetries + 1;

            for (var attempt = 1; attempt <= totalAttempts; attempt++)
            {
                try
                {
                    OpenAIEmbeddingCollection embeddings = await _client.GenerateEmbeddingsAsync(descriptions, options, cancellationToken);
                    return embeddings.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray()).ToList();
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    if (attempt == totalAttempts)
                    {
                        _logger.LogError(ex, "Embedding batch of {Count} failed after {Attempts} attempts", descriptions.Count, attempt);
                        throw;
                    }

                    _logger.LogWarning("Embedding batch failed with {Status} (attempt {Attempt}/{Total}), retrying in {Delay}",
                        ex.Status, attempt, totalAttempts, _settings.RetryDelay);
                    await Task.Delay(_settings.RetryDelay, cancellationToken);
                }
            }

            throw new InvalidOperationException("Unreachable");
        }
    }
}
