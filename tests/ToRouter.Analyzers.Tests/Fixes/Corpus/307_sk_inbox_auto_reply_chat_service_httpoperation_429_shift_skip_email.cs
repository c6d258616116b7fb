// lang: latest
// expect: flagged
// shape: an inbox auto-reply worker drafts each email with IChatCompletionService in a for loop that exits when a draft exists, retrying HttpOperationException with StatusCode 429 (sticky quota codes included) after a doubling delay with no jitter, then skips the email with `continue` when every try failed.
#nullable enable
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N307;

public sealed record InboxEmail(string MessageId, string From, string Subject, string Body);

public interface IMailbox
{
    Task<IReadOnlyList<InboxEmail>> GetUnansweredAsync(CancellationToken ct);
    Task SaveDraftReplyAsync(string messageId, string draft, CancellationToken ct);
}

public sealed class AutoReplyDrafter(IChatCompletionService chat, IMailbox mailbox, ILogger<AutoReplyDrafter> logger)
{
    private readonly PromptExecutionSettings _settings = new() { ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.3 } };

    public async Task<int> DraftRepliesAsync(CancellationToken ct)
    {
        var drafted = 0;
        var skipped = 0;

        foreach (var email in await mailbox.GetUnansweredAsync(ct))
        {
            if (email.From.EndsWith("@noreply.example.com", StringComparison.OrdinalIgnoreCase))
                continue;

            var history = new ChatHistory("You draft polite, short customer-service replies. Never promise refunds.");
            history.AddUserMessage($"From: {email.From}\nSubject: {email.Subject}\n\n{email.Body}");

            string? draft = null;
            var delayMs = 1000;
            for (var i = 0; i < 5 && draft is null; i++)
            {
                try
                {
                    var reply = await chat.GetChatMessageContentAsync(history, _settings, kernel: null, ct);
                    draft = reply.Content;
                }
                catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    logger.LogWarning("Throttled drafting {MessageId}, waiting {Delay} ms", email.MessageId, delayMs);
                    await Task.Delay(delayMs, ct);
                    delayMs <<= 1;
                }
            }

            if (draft is null)
            {
                skipped++;
                continue;
            }

            await mailbox.SaveDraftReplyAsync(email.MessageId, draft, ct);
            drafted++;
        }

        logger.LogInformation("Drafted {Drafted} replies, skipped {Skipped}", drafted, skipped);
        return drafted;
    }
}
