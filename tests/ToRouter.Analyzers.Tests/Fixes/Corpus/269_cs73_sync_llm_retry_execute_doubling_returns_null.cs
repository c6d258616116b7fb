// lang: 7.3
// expect: flagged
// shape: Shared synchronous LlmRetry.Execute<T> helper (used by two services around CompleteChat / GenerateEmbeddings) retries ClientResultException 429/5xx with Thread.Sleep doubling and no jitter or sticky-code check, then logs and returns null when the attempts run out.
using System;
using System.ClientModel;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Corpus.N269
{
    public sealed class LlmRetrySettings
    {
        public int MaxAttempts { get; set; } = 4;
        public int InitialDelayMs { get; set; } = 500;
    }

    public static class LlmRetry
    {
        public static T Execute<T>(Func<T> operation, LlmRetrySettings settings, ILogger logger, string operationName) where T : class
        {
            int delayMs = settings.InitialDelayMs;
            for (int attempt = 1; attempt <= settings.MaxAttempts; attempt++)
            {
                try
                {
                    return operation();
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    logger.LogWarning("{Operation} failed with HTTP {Status} (attempt {Attempt}/{Max})", operationName, ex.Status, attempt, settings.MaxAttempts);
                    Trace.TraceWarning("LlmRetry: {0} -> {1}", operationName, ex.Status);
                    if (attempt < settings.MaxAttempts)
                    {
                        Thread.Sleep(delayMs);
                        delayMs *= 2;
                    }
                }
            }

            logger.LogError("{Operation} gave up after {Attempts} attempts", operationName, settings.MaxAttempts);
            return null;
        }
    }

    public class ProductCopyGenerator
    {
        private readonly ChatClient _chat;
        private readonly LlmRetrySettings _settings;
        private readonly ILogger<ProductCopyGenerator> _logger;

        public ProductCopyGenerator(ChatClient chat, IOptions<LlmRetrySettings> options, ILogger<ProductCopyGenerator> logger)
        {
            _chat = chat;
            _settings = options.Value;
            _logger = logger;
        }

        public string GenerateDescription(string sku, string bulletPoints)
        {
            var messages = new ChatMessage[]
            {
                new SystemChatMessage("Write a 60-word e-commerce product description. No superlatives."),
                new UserChatMessage("SKU " + sku + ":\n" + bulletPoints),
            };

            ChatCompletion completion = LlmRetry.Execute(() => _chat.CompleteChat(messages).Value, _settings, _logger, "product-copy:" + sku);
            return completion == null ? null : completion.Content[0].Text;
        }
    }

    public class ProductSimilarityIndex
    {
        private readonly EmbeddingClient _embeddings;
        private readonly LlmRetrySettings _settings;
        private readonly ILogger<ProductSimilarityIndex> _logger;

        public ProductSimilarityIndex(EmbeddingClient embeddings, IOptions<LlmRetrySettings> options, ILogger<ProductSimilarityIndex> logger)
        {
            _embeddings = embeddings;
            _settings = options.Value;
            _logger = logger;
        }

        public float[] Embed(string description)
        {
            OpenAIEmbedding embedding = LlmRetry.Execute(() => _embeddings.GenerateEmbedding(description).Value, _settings, _logger, "embed");
            return embedding == null ? new float[0] : embedding.ToFloats().ToArray();
        }
    }
}
