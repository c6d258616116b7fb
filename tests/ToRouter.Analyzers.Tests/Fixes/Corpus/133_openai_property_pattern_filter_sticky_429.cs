// lang: latest
// expect: flagged
// shape: #nullable enable; for loop around ChatClient.CompleteChatAsync with catch (Exception ex) when (ex is ClientResultException { Status: 429 or >= 500 } or HttpRequestException && attempt < MaxAttempts): bounded, capped exponential backoff with Random.Shared jitter, last failure propagates, but the 429 branch never reads the error body so sticky quota 429s are retried
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N133;

public sealed partial class CodeReviewBot
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    private readonly ChatClient _chat;
    private readonly ILogger<CodeReviewBot> _logger;

    public CodeReviewBot(ChatClient chat, ILogger<CodeReviewBot> logger)
    {
        _chat = chat;
        _logger = logger;
    }

    public async Task<string> ReviewAsync(string patch, CancellationToken ct)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage("You are a strict senior reviewer. List concrete problems only."),
            new UserChatMessage(patch),
        ];

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (Exception ex) when (ex is ClientResultException { Status: 429 or >= 500 } or HttpRequestException && attempt < MaxAttempts)
            {
                var exp = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
                var wait = TimeSpan.FromMilliseconds(exp / 2 + Random.Shared.NextDouble() * exp / 2);
                LogRetry(_logger, attempt, wait, ex.Message);
                await Task.Delay(wait, ct);
            }
        }
    }

    // What the [LoggerMessage] source generator would emit (test compilations run no generators).
    private static void LogRetry(ILogger logger, int attempt, TimeSpan wait, string reason)
        => logger.LogWarning("Review attempt {Attempt} failed, retrying in {Wait}: {Reason}", attempt, wait, reason);
}
