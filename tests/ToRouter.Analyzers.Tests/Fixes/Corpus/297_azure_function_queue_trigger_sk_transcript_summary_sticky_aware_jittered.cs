// lang: latest
// expect: quiet
// shape: an Azure Functions-style queue handler summarizes a transcript through IChatCompletionService with at most 5 attempts, retrying only HttpOperationExceptions that are transient (408/429/5xx, no sticky code in the body or inner ClientResultException), with capped full-jitter exponential backoff and the last failure propagating.
#nullable enable
using System;
using System.ClientModel;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N297;

public sealed record TranscriptJob(string MeetingId, string BlobPath, string Transcript);

public interface ISummaryStore
{
    Task SaveAsync(string meetingId, string summary, CancellationToken ct);
}

// [Function("SummarizeTranscript")] with [QueueTrigger("transcripts")] in the isolated worker host.
public sealed class SummarizeTranscriptFunction(IChatCompletionService chat, ISummaryStore store, ILogger<SummarizeTranscriptFunction> log)
{
    private const int MaxAttempts = 5;
    private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    public async Task Run(string queueMessage, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<TranscriptJob>(queueMessage)
                  ?? throw new InvalidOperationException("Empty queue message");

        var history = new ChatHistory("Summarize this meeting transcript as decisions, action items and open questions.");
        history.AddUserMessage(job.Transcript);

        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: cancellationToken);
                await store.SaveAsync(job.MeetingId, reply.Content ?? "", cancellationToken);
                log.LogInformation("Summary for {MeetingId} saved (attempt {Attempt})", job.MeetingId, attempt + 1);
                return;
            }
            catch (HttpOperationException ex) when (attempt + 1 < MaxAttempts && IsTransient(ex))
            {
                var ceiling = Math.Min(30_000, 1_000 * Math.Pow(2, attempt));
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
                log.LogWarning("Transient {Status} for {MeetingId}; retrying in {Delay}", ex.StatusCode, job.MeetingId, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private static bool IsTransient(HttpOperationException ex)
    {
        if (ex.InnerException is ClientResultException inner)
        {
            string? body = null;
            try { body = inner.GetRawResponse()?.Content.ToString(); } catch (InvalidOperationException) { }
            if (ContainsSticky(body) || ContainsSticky(inner.Message)) return false;
            return inner.Status == 0 || IsTransientStatus(inner.Status);
        }

        if (ContainsSticky(ex.ResponseContent)) return false;
        return ex.StatusCode is not { } status || IsTransientStatus((int)status);
    }

    private static bool IsTransientStatus(int status) => status == 408 || status == 429 || status >= 500;

    private static bool ContainsSticky(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var code in StickyCodes)
            if (text.Contains(code, StringComparison.Ordinal)) return true;
        return false;
    }
}
