// lang: latest
// expect: flagged
// shape: Synchronous comment-moderation gate calls ModerationClient.ClassifyText in a do/while that retries 429 and 5xx ClientResultExceptions after a constant Thread.Sleep(250), and when the three attempts run out it publishes the comment unchecked (fail-open) instead of throwing; sticky quota 429s are retried and there is no backoff.
using System;
using System.ClientModel;
using System.Diagnostics;
using System.Threading;
using OpenAI.Moderations;

namespace Corpus.N310;

public enum CommentDecision
{
    Publish,
    HoldForReview,
    Reject,
}

public class CommentModerationGate
{
    private readonly ModerationClient _moderation;
    private readonly double _holdThreshold;

    public CommentModerationGate(ModerationClient moderation, double holdThreshold = 0.4)
    {
        _moderation = moderation;
        _holdThreshold = holdThreshold;
    }

    // Called from the legacy WebForms comment handler, hence sync.
    public CommentDecision Evaluate(string authorId, string commentText)
    {
        if (string.IsNullOrWhiteSpace(commentText))
            return CommentDecision.Publish;

        ModerationResult result = null;
        int attempt = 0;

        do
        {
            attempt++;
            try
            {
                result = _moderation.ClassifyText(commentText).Value;
            }
            catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
            {
                Trace.TraceWarning("moderation call failed for {0} (HTTP {1}), attempt {2}", authorId, ex.Status, attempt);
                Thread.Sleep(250);
            }
        } while (result == null && attempt < 3);

        if (result == null)
        {
            // Don't block the comment box because the moderation endpoint is having a bad day.
            Trace.TraceError("moderation unavailable, publishing comment from {0} unchecked", authorId);
            return CommentDecision.Publish;
        }

        if (result.Flagged)
        {
            if (result.Sexual.Flagged || result.Violence.Flagged || result.SelfHarm.Flagged)
                return CommentDecision.Reject;
            return CommentDecision.HoldForReview;
        }

        return result.Harassment.Score > _holdThreshold || result.Hate.Score > _holdThreshold
            ? CommentDecision.HoldForReview
            : CommentDecision.Publish;
    }
}
