// lang: latest
// expect: flagged
// shape: generic async helper with while (tries < maxTries) and tries++ at the top; catch (Exception) waits Math.Pow(2, tries) seconds without jitter, and the method returns default(T) once the budget is spent; used for embeddings.
using System;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N41;

public static class Resilience
{
    public static async Task<T> TryHardAsync<T>(Func<CancellationToken, Task<T>> operation, int maxTries, CancellationToken ct)
    {
        int tries = 0;
        while (tries < maxTries)
        {
            tries++;
            try
            {
                return await operation(ct);
            }
            catch (Exception ex)
            {
                Console.WriteLine($"try {tries} of {maxTries} failed: {ex.GetType().Name}: {ex.Message}");
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, tries)), ct);
            }
        }

        return default;
    }
}

public sealed class DocumentEmbedder
{
    private readonly EmbeddingClient _embeddings;

    public DocumentEmbedder(EmbeddingClient embeddings) => _embeddings = embeddings;

    public async Task<ReadOnlyMemory<float>> EmbedAsync(string text, CancellationToken ct)
    {
        var result = await Resilience.TryHardAsync(async token =>
        {
            var response = await _embeddings.GenerateEmbeddingAsync(text, cancellationToken: token);
            return response.Value.ToFloats();
        }, maxTries: 4, ct);

        return result;
    }
}
