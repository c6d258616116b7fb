// lang: latest
// expect: flagged
// shape: Azure OpenAI incident-summary service has a well-classified bounded retry (sticky quota codes, insufficient_quota and 4xx terminal, capped full-jitter exponential delay, last failure propagates through the filter) but waits with Thread.Sleep inside an async method, blocking a thread-pool thread during backoff.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N320;

public sealed class IncidentSummarizer
{
    private const int MaxAttempts = 5;
    private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    private readonly ChatClient _chat;
    private readonly ILogger<IncidentSummarizer> _logger;

    public IncidentSummarizer(AzureOpenAIClient azure, string deployment, ILogger<IncidentSummarizer> logger)
    {
        _chat = azure.GetChatClient(deployment);
        _logger = logger;
    }

    public async Task<string> SummarizeAsync(IReadOnlyList<string> timeline, CancellationToken ct)
    {
        var prompt = "Summarize this incident timeline for the post-mortem. Sections: Impact, Root cause, Mitigation, Follow-ups.\n\n"
                     + string.Join('\n', timeline);
        var sw = Stopwatch.StartNew();

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: ct);
                _logger.LogInformation("Incident summary generated in {Ms} ms ({Attempts} attempt(s))", sw.ElapsedMilliseconds, attempt);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (attempt < MaxAttempts && IsRetryable(ex))
            {
                var ceiling = Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1));
                var delayMs = (int)(Random.Shared.NextDouble() * ceiling);
                _logger.LogWarning("Azure OpenAI returned {Status}; retrying in {Delay} ms", ex.Status, delayMs);
                Thread.Sleep(delayMs);
            }
        }
    }

    private static bool IsRetryable(ClientResultException ex)
    {
        if (ex.Status == 0)
            return true; // connection dropped, nothing came back

        string? body = null;
        try { body = ex.GetRawResponse()?.Content.ToString(); }
        catch (InvalidOperationException) { /* not buffered */ }

        foreach (var code in StickyCodes)
        {
            if ((body?.Contains(code, StringComparison.Ordinal) ?? false) || ex.Message.Contains(code, StringComparison.Ordinal))
                return false;
        }

        return ex.Status is 408 or 429 or >= 500;
    }
}
