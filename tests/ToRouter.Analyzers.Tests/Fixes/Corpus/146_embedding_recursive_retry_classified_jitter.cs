// lang: latest
// expect: quiet
// shape: correct recursive retry: EmbedAsync(text, attempt) catches ClientResultException only when attempt + 1 < MaxAttempts and a classifier (reads the raw body and ex.Message, sticky quota codes and 400-404 terminal, Status 0/408/429/5xx retryable) allows it, waits a capped full-jitter exponential delay floored by Retry-After, and calls itself with attempt + 1; the final failure propagates
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Embeddings;

namespace Corpus.N146;

public sealed class SemanticCacheEmbedder(EmbeddingClient client)
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly string[] Sticky = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    public Task<ReadOnlyMemory<float>> EmbedAsync(string text, CancellationToken ct) => EmbedAsync(text, 0, ct);

    private async Task<ReadOnlyMemory<float>> EmbedAsync(string text, int attempt, CancellationToken ct)
    {
        try
        {
            OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync(text, cancellationToken: ct);
            return embedding.ToFloats();
        }
        catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex, out var retryAfter))
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
            var waitMs = Random.Shared.NextDouble() * ceiling;
            if (retryAfter is { } hint)
            {
                if (hint > MaxDelay) throw;
                waitMs = Math.Max(waitMs, hint.TotalMilliseconds);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(waitMs), ct);
            return await EmbedAsync(text, attempt + 1, ct);
        }
    }

    private static bool IsRetryable(ClientResultException ex, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (ex.Status == 0) return true;

        PipelineResponse? raw = ex.GetRawResponse();
        string? body = null;
        if (raw is not null)
        {
            try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
            if (raw.Headers.TryGetValue("Retry-After", out var header)
                && double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0)
            {
                retryAfter = TimeSpan.FromSeconds(seconds);
            }
        }

        foreach (var code in Sticky)
        {
            if (body?.Contains(code, StringComparison.Ordinal) == true || ex.Message.Contains(code, StringComparison.Ordinal))
                return false;
        }

        return ex.Status is 408 or 429 or >= 500;
    }
}
