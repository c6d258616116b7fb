// lang: latest
// expect: flagged
// shape: a review-sentiment batch fans out over a JSON file with a SemaphoreSlim and classifies each review in a `for (;;)` loop whose catch (Exception) is bounded only by `when (attempt < MaxAttempts && !ct.IsCancellationRequested)`, so every failure kind is retried, with a pure 500 ms * 2^attempt delay and no jitter.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N305;

public sealed record Review(string Id, string ProductId, int Stars, string Text);
public sealed record SentimentResult(string ReviewId, string? Sentiment, string? Error);

public sealed class ReviewSentimentBatch(ChatClient chat, ILogger<ReviewSentimentBatch> logger)
{
    private const int MaxAttempts = 5;
    private readonly SemaphoreSlim _gate = new(8);
    private int _retries;

    public async Task<IReadOnlyList<SentimentResult>> RunAsync(string reviewsJsonPath, CancellationToken ct)
    {
        await using var stream = File.OpenRead(reviewsJsonPath);
        var reviews = await JsonSerializer.DeserializeAsync<List<Review>>(stream, cancellationToken: ct) ?? [];
        var results = new ConcurrentBag<SentimentResult>();

        await Task.WhenAll(reviews.Select(async review =>
        {
            await _gate.WaitAsync(ct);
            try
            {
                results.Add(new SentimentResult(review.Id, await ClassifyAsync(review, ct), null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results.Add(new SentimentResult(review.Id, null, ex.Message));
            }
            finally
            {
                _gate.Release();
            }
        }));

        logger.LogInformation("{Count} reviews classified, {Retries} retries", results.Count, _retries);
        return results.OrderBy(r => r.ReviewId).ToList();
    }

    private async Task<string> ClassifyAsync(Review review, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(
                    [
                        new SystemChatMessage("Reply with positive, neutral or negative."),
                        new UserChatMessage($"{review.Stars} stars: {review.Text}")
                    ],
                    new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 3 },
                    ct);
                return completion.Content[0].Text.Trim().ToLowerInvariant();
            }
            catch (Exception ex) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _retries);
                var backoff = TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt));
                logger.LogDebug(ex, "Review {Id} attempt {Attempt} failed; waiting {Backoff}", review.Id, attempt, backoff);
                await Task.Delay(backoff, ct);
            }
        }
    }
}
