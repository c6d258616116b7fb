// lang: latest
// expect: quiet
// shape: Azure.AI.OpenAI support-reply drafter retries through a shared GatewayFailure helper that reads the raw body for sticky quota codes, honours Retry-After (giving up when it exceeds the cap), treats 4xx as terminal, and waits a capped full-jitter exponential delay bounded by IOptions.
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;

namespace Corpus.N266;

public sealed record GatewayRetryOptions
{
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record SupportTicket(string Id, string Subject, string Body, string CustomerTier);

/// <summary>Shared by every service that talks to the gateway through the OpenAI-style clients.</summary>
internal static class GatewayFailure
{
    private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    public static bool IsTransient(ClientResultException ex, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (ex.Status == 0) return true; // no response at all

        PipelineResponse? raw = ex.GetRawResponse();
        string body = string.Empty;
        if (raw is not null)
        {
            try { body = raw.Content.ToString(); } catch (InvalidOperationException) { /* not buffered */ }
            if (raw.Headers.TryGetValue("Retry-After", out var value)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                retryAfter = TimeSpan.FromSeconds(seconds);
        }

        if (StickyCodes.Any(code => body.Contains(code, StringComparison.Ordinal) || ex.Message.Contains(code, StringComparison.Ordinal)))
            return false;

        return ex.Status is 408 or 429 or >= 500;
    }

    public static bool TryGetDelay(int attempt, TimeSpan? retryAfter, GatewayRetryOptions o, out TimeSpan delay)
    {
        var ceiling = Math.Min(o.MaxDelay.TotalMilliseconds, o.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        var ms = Random.Shared.NextDouble() * ceiling;
        if (retryAfter is { } hint)
        {
            if (hint > o.MaxDelay) { delay = TimeSpan.Zero; return false; }
            ms = Math.Max(ms, hint.TotalMilliseconds);
        }
        delay = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}

public sealed class SupportReplyDrafter(
    AzureOpenAIClient azure,
    IOptions<GatewayRetryOptions> retryOptions,
    ILogger<SupportReplyDrafter> logger)
{
    private readonly ChatClient _chat = azure.GetChatClient("support-gpt-4o");

    public async Task<string> DraftReplyAsync(SupportTicket ticket, CancellationToken ct)
    {
        var o = retryOptions.Value;
        ChatMessage[] messages =
        [
            new SystemChatMessage($"You are a polite support agent. Customer tier: {ticket.CustomerTier}."),
            new UserChatMessage($"Subject: {ticket.Subject}\n\n{ticket.Body}"),
        ];

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(messages, cancellationToken: ct);
                logger.LogDebug("Drafted reply for {TicketId} on attempt {Attempt}", ticket.Id, attempt + 1);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (attempt + 1 < o.MaxAttempts
                                                   && GatewayFailure.IsTransient(ex, out var retryAfter)
                                                   && GatewayFailure.TryGetDelay(attempt, retryAfter, o, out var delay))
            {
                logger.LogWarning("Gateway returned {Status} drafting {TicketId}; retrying in {Delay}", ex.Status, ticket.Id, delay);
                await Task.Delay(delay, ct);
            }
        }
    }
}
