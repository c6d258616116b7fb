// lang: latest
// expect: flagged
// shape: while (true) retry around AnthropicClient.Messages.Create with a hand-rolled static Log class; catch (AnthropicRateLimitException) and catch (Anthropic5xxException) both rethrow once attempt reaches MaxAttempts and otherwise wait TimeSpan.FromSeconds(Math.Pow(2, attempt)) with no jitter; the rate-limit clause never looks at the error type.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N63;

internal static class Log
{
    public static void Warn(string message) => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} WARN  {message}");
    public static void Info(string message) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} INFO  {message}");
}

public class MeetingNotesSummarizer
{
    private const int MaxAttempts = 5;
    private readonly AnthropicClient _anthropic;

    public MeetingNotesSummarizer(AnthropicClient anthropic) => _anthropic = anthropic;

    public async Task<string> SummarizeAsync(string transcript, CancellationToken cancellationToken = default)
    {
        var parameters = new MessageCreateParams
        {
            Model = Model.ClaudeHaiku4_5,
            MaxTokens = 1024,
            System = "Summarize the meeting: decisions, owners, deadlines.",
            Messages = new List<MessageParam> { new UserMessageParam(transcript) },
        };

        int attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                var message = await _anthropic.Messages.Create(parameters, cancellationToken);
                Log.Info($"summary ok after {attempt} attempt(s), {message.Usage.OutputTokens} output tokens");
                return string.Join("", message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
            }
            catch (AnthropicRateLimitException ex)
            {
                if (attempt >= MaxAttempts) throw;
                Log.Warn($"rate limited (request {ex.RequestID}), attempt {attempt}");
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
            }
            catch (Anthropic5xxException ex)
            {
                if (attempt >= MaxAttempts) throw;
                Log.Warn($"server error {(int)ex.StatusCode}, attempt {attempt}");
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
            }
        }
    }
}
