// lang: latest
// expect: quiet
// shape: bounded for loop around ChatClient.CompleteChatAsync whose catch filters call a classifier that reads the error body (sticky quota codes and 400-404 are terminal), waits full-jitter capped exponential backoff honouring Retry-After, and lets the last failure propagate.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N15;

public sealed class ResilientChat
{
    private const int MaxAttempts = 6;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly string[] TerminalCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

    private readonly ChatClient _chat;

    public ResilientChat(string apiKey, Uri endpoint)
    {
        // The outer loop owns retries, so the SDK's own retry policy is switched off.
        var options = new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        _chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(apiKey), options);
    }

    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                ClientResult<ChatCompletion> result = await _chat.CompleteChatAsync(messages, cancellationToken: ct).ConfigureAwait(false);
                return result.Value.Content[0].Text;
            }
            catch (ClientResultException ex) when (attempt < MaxAttempts && IsRetryable(ex))
            {
                await Task.Delay(NextDelay(attempt, RetryAfter(ex)), ct).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
            {
                // Network timeout, not the caller cancelling.
                await Task.Delay(NextDelay(attempt, null), ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRetryable(ClientResultException ex)
    {
        if (ex.Status == 0)
        {
            return true; // no response: connection reset, DNS, ...
        }

        string body = null;
        PipelineResponse raw = ex.GetRawResponse();
        if (raw != null)
        {
            try { body = raw.Content.ToString(); }
            catch (InvalidOperationException) { }
        }

        foreach (var code in TerminalCodes)
        {
            if ((body != null && body.Contains(code, StringComparison.Ordinal)) || ex.Message.Contains(code, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
    }

    private static TimeSpan? RetryAfter(ClientResultException ex)
    {
        PipelineResponse raw = ex.GetRawResponse();
        if (raw != null && raw.Headers.TryGetValue("Retry-After", out string value)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
        }

        return null;
    }

    private static TimeSpan NextDelay(int attempt, TimeSpan? retryAfter)
    {
        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        double ms = Random.Shared.NextDouble() * ceiling;
        if (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > ms)
        {
            ms = retryAfter.Value.TotalMilliseconds;
        }

        return TimeSpan.FromMilliseconds(ms);
    }
}
