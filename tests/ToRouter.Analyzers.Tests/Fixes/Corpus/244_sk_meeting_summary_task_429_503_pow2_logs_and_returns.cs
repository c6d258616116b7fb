// lang: latest
// expect: flagged
// shape: Console batch step (async Task, no result) that retries an IChatCompletionService call on HttpOperationException 429/503 with un-jittered 2^n-second delays and no sticky-code check, then only logs and returns with the summary file never written when the attempts run out.
#nullable enable
using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N244;

public sealed class MeetingNotesSummarizer(IChatCompletionService chat, ILogger<MeetingNotesSummarizer> logger)
{
    private const int MaxAttempts = 5;

    private static readonly PromptExecutionSettings Settings = new()
    {
        ExtensionData = new System.Collections.Generic.Dictionary<string, object> { ["temperature"] = 0.1, ["max_tokens"] = 800 },
    };

    public int Written { get; private set; }

    public async Task SummarizeToFileAsync(string transcriptPath, string outputPath, CancellationToken ct)
    {
        var transcript = await File.ReadAllTextAsync(transcriptPath, ct);
        var history = new ChatHistory("Summarize the meeting transcript as a list of decisions and action items with owners.");
        history.AddUserMessage(transcript);
        var sw = Stopwatch.StartNew();

        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                var reply = await chat.GetChatMessageContentAsync(history, Settings, cancellationToken: ct);
                await File.WriteAllTextAsync(outputPath, reply.Content ?? string.Empty, ct);
                Written++;
                logger.LogInformation("Wrote {Output} in {Elapsed}", outputPath, sw.Elapsed);
                return;
            }
            catch (HttpOperationException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                logger.LogWarning("Summarizer got {Status} for {Transcript}, retry {Attempt} in {Delay}",
                    ex.StatusCode, Path.GetFileName(transcriptPath), attempt + 1, delay);
                await Task.Delay(delay, ct);
            }
        }

        logger.LogError("Could not summarize {Transcript} after {Attempts} attempts ({Elapsed}); skipping",
            transcriptPath, MaxAttempts, sw.Elapsed);
    }
}
