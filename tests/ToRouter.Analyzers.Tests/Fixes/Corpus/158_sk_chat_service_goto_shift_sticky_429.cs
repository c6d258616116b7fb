// lang: latest
// expect: flagged
// shape: async goto-label retry around IChatCompletionService.GetChatMessageContentAsync in a primary-constructor class; catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests) rethrows once ++tries exceeds MaxTries, otherwise waits an unjittered TimeSpan.FromSeconds(1 << tries) and jumps back, never reading ResponseContent for sticky quota codes
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N158;

public class CommitMessageWriter(IChatCompletionService chat, ILogger<CommitMessageWriter> log)
{
    private const int MaxTries = 5;

    public async Task<string> WriteAsync(string stagedDiff, CancellationToken ct = default)
    {
        var history = new ChatHistory("You write concise conventional-commit messages. Subject line under 72 characters.");
        history.AddUserMessage(stagedDiff);
        var tries = 0;

    retry:
        try
        {
            var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
            return reply.Content?.Trim() ?? "";
        }
        catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
        {
            if (++tries > MaxTries)
                throw;

            var wait = TimeSpan.FromSeconds(1 << tries);
            log.LogDebug("Rate limited by the model endpoint, retry {Try} in {Wait}", tries, wait);
            await Task.Delay(wait, ct);
            goto retry;
        }
    }
}
