// lang: latest
// expect: quiet
// shape: bounded for loop around IChatCompletionService.GetChatMessageContentAsync whose catch (HttpOperationException ex) when (attempt < MaxAttempts && IsTransient(ex)) classifier reads the inner ClientResultException body or ResponseContent for sticky quota codes, treats 400-404 as terminal, and waits capped full-jitter exponential backoff; the last failure propagates through the filter.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N113;

public sealed class MeetingActionItemExtractor
{
    private const int MaxAttempts = 5;
    private const double BaseDelayMs = 1000;
    private const double MaxDelayMs = 30000;
    private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

    private readonly IChatCompletionService _chat;

    public MeetingActionItemExtractor(IChatCompletionService chat) => _chat = chat;

    public async Task<string> ExtractAsync(string transcript, CancellationToken cancellationToken = default)
    {
        var history = new ChatHistory("Extract action items as '- owner: task (due date)'.");
        history.AddUserMessage(transcript);

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                ChatMessageContent reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: cancellationToken).ConfigureAwait(false);
                return reply.Content ?? string.Empty;
            }
            catch (HttpOperationException ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                double ceiling = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(HttpOperationException ex)
    {
        string body = ex.ResponseContent;
        if (ex.InnerException is ClientResultException inner)
        {
            PipelineResponse raw = inner.GetRawResponse();
            if (raw != null)
            {
                try
                {
                    body = raw.Content.ToString();
                }
                catch (InvalidOperationException)
                {
                    // response was not buffered; fall back to the message text below
                }
            }

            if (ContainsSticky(inner.Message))
            {
                return false;
            }
        }

        if (ContainsSticky(body))
        {
            return false;
        }

        if (ex.StatusCode is not HttpStatusCode status)
        {
            return true; // no response at all: network failure
        }

        int code = (int)status;
        return code == 408 || code == 429 || code >= 500;
    }

    private static bool ContainsSticky(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (string sticky in StickyCodes)
        {
            if (text.Contains(sticky, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
