// lang: latest
// expect: quiet
// shape: #nullable enable; correct retry with the final attempt placed after the loop: the SDK's own retries are off (ClientRetryPolicy(0)); for (attempt < MaxAttempts - 1) catches ClientResultException only when a classifier (raw body and ex.Message checked for sticky quota codes, 400-404 terminal, Status 0/408/429/5xx retryable, Retry-After parsed) allows it and a capped full-jitter delay floored by Retry-After fits under the cap; then one last SendAsync outside the loop whose failure propagates
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N183;

public sealed class ResilientChat
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    private readonly ChatClient _chat;
    private readonly ILogger<ResilientChat> _logger;

    public ResilientChat(string apiKey, Uri endpoint, ILogger<ResilientChat> logger)
    {
        var options = new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        _chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(apiKey), options);
        _logger = logger;
    }

    public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts - 1; attempt++)
        {
            try
            {
                return await SendAsync(prompt, ct);
            }
            catch (ClientResultException ex) when (IsRetryable(ex, out var retryAfter) && TryGetDelay(attempt, retryAfter, out var delay))
            {
                _logger.LogWarning("Chat call failed with {Status}; attempt {Attempt}, retrying in {Delay}", ex.Status, attempt + 1, delay);
                await Task.Delay(delay, ct);
            }
        }

        return await SendAsync(prompt, ct);
    }

    private async Task<string> SendAsync(string prompt, CancellationToken ct)
    {
        ChatCompletion completion = await _chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: ct);
        return completion.Content[0].Text;
    }

    private static bool IsRetryable(ClientResultException ex, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (ex.Status == 0)
            return true;

        string? body = null;
        PipelineResponse? raw = ex.GetRawResponse();
        if (raw is not null)
        {
            try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
            if (raw.Headers.TryGetValue("Retry-After", out var value)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                retryAfter = TimeSpan.FromSeconds(seconds);
        }

        foreach (var code in StickyCodes)
        {
            if ((body?.Contains(code, StringComparison.Ordinal) ?? false) || ex.Message.Contains(code, StringComparison.Ordinal))
                return false;
        }

        return ex.Status is 408 or 429 or >= 500;
    }

    private static bool TryGetDelay(int attempt, TimeSpan? retryAfter, out TimeSpan delay)
    {
        var ms = Random.Shared.NextDouble() * Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        if (retryAfter is { } hint)
        {
            if (hint > MaxDelay) { delay = TimeSpan.Zero; return false; }
            ms = Math.Max(ms, hint.TotalMilliseconds);
        }
        delay = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
