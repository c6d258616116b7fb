// lang: latest
// expect: flagged
// shape: Shared ChatClient.CompleteWithRetryAsync extension (used by several services) classifies failures correctly with a switch on status and sticky codes and uses bounded full-jitter backoff, but blocks the async method with Thread.Sleep between attempts.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;

namespace Corpus.N276;

public sealed class ChatRetryOptions
{
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
}

public static class ChatClientRetryExtensions
{
    private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    public static async Task<ChatCompletion> CompleteWithRetryAsync(
        this ChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatRetryOptions retry,
        ILogger logger,
        ChatCompletionOptions? options = null,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.CompleteChatAsync(messages, options, ct);
            }
            catch (ClientResultException ex) when (attempt < retry.MaxAttempts && ShouldRetry(ex))
            {
                var cap = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
                logger.LogWarning("Chat call failed with {Status}; attempt {Attempt} of {Max}, sleeping {Delay}",
                    ex.Status, attempt, retry.MaxAttempts, delay);

                // Task.Delay kept getting cancelled by RequestAborted on slow mobile clients; just block for the wait
                Thread.Sleep(delay);
            }
        }
    }

    private static bool ShouldRetry(ClientResultException ex) => ex switch
    {
        { Status: 0 } => true,
        _ when StickyCodes.Any(code => ex.Message.Contains(code, StringComparison.Ordinal) || ReadBody(ex).Contains(code, StringComparison.Ordinal)) => false,
        { Status: 408 or 429 or >= 500 } => true,
        _ => false,
    };

    private static string ReadBody(ClientResultException ex)
    {
        try { return ex.GetRawResponse()?.Content.ToString() ?? string.Empty; }
        catch (InvalidOperationException) { return string.Empty; }
    }
}

public sealed class ProductQaService(ChatClient chat, IOptions<ChatRetryOptions> retry, ILogger<ProductQaService> logger)
{
    public async Task<string> AskAsync(string productName, string question, CancellationToken ct)
    {
        ChatMessage[] messages =
        [
            new SystemChatMessage($"You answer shopper questions about {productName}. Be brief."),
            new UserChatMessage(question),
        ];
        var completion = await chat.CompleteWithRetryAsync(messages, retry.Value, logger, ct: ct);
        return completion.Content[0].Text;
    }
}

public sealed class ReviewSummaryService(ChatClient chat, IOptions<ChatRetryOptions> retry, ILogger<ReviewSummaryService> logger)
{
    public async Task<string> SummarizeAsync(IReadOnlyList<string> reviews, CancellationToken ct)
    {
        var messages = new List<ChatMessage> { new SystemChatMessage("Summarize the reviews in three bullet points.") };
        messages.AddRange(reviews.Take(50).Select(r => new UserChatMessage(r)));
        var completion = await chat.CompleteWithRetryAsync(messages, retry.Value, logger, new ChatCompletionOptions { MaxOutputTokenCount = 300 }, ct);
        return completion.Content[0].Text;
    }
}
