// lang: latest
// expect: flagged
// shape: static RetryHelper.RetryAsync(Func<Task>, int maxAttempts, TimeSpan delay) with while (true): the first clause is a bare catch when (++attempt < maxAttempts) that waits delay * attempt (linear, commented as exponential-ish) and goes round, the second catch (Exception) logs to Console.Error and rethrows; the filter only counts, so 4xx and sticky quota failures of the wrapped embed-and-upsert work are retried
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N197
{
    public static class RetryHelper
    {
        public static async Task RetryAsync(Func<Task> action, int maxAttempts, TimeSpan delay)
        {
            int attempt = 0;
            while (true)
            {
                try
                {
                    await action();
                    break;
                }
                catch when (++attempt < maxAttempts)
                {
                    await Task.Delay(delay * attempt); // exponential-ish backoff
                }
                catch (Exception ex)
                {
                    await Console.Error.WriteLineAsync($"[RetryHelper] Max retry attempts reached. Error: {ex.Message}");
                    throw;
                }
            }
        }
    }

    public sealed class FaqIndexer
    {
        private readonly EmbeddingClient _embeddings;
        private readonly ConcurrentDictionary<string, ReadOnlyMemory<float>> _index = new();

        public FaqIndexer(EmbeddingClient embeddings)
        {
            _embeddings = embeddings;
        }

        public int Count => _index.Count;

        public Task IndexAsync(string faqId, string question, string answer)
        {
            return RetryHelper.RetryAsync(async () =>
            {
                OpenAIEmbedding embedding = await _embeddings.GenerateEmbeddingAsync(question + "\n" + answer);
                _index[faqId] = embedding.ToFloats();
            }, maxAttempts: 4, delay: TimeSpan.FromSeconds(1));
        }
    }
}
