// lang: latest
// expect: flagged
// shape: Synchronous console command that blocks on Anthropic Messages.Create in a for loop, catches every AnthropicApiException (so 400/401/403/404 and sticky 429s are retried too), sleeps 1.5 s × attempt with Thread.Sleep, and returns null when the attempts run out.
#nullable enable
using System;
using System.Diagnostics;
using System.Threading;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N240;

/// <summary><c>gitbot suggest-message</c>: proposes a commit message for the staged diff.</summary>
internal static class SuggestCommitMessageCommand
{
    public static string? Suggest(AnthropicClient client, string stagedDiff, int maxAttempts = 3)
    {
        var request = new MessageCreateParams
        {
            Model = Model.ClaudeHaiku4_5,
            MaxTokens = 200,
            System = "Write a conventional-commit message (type(scope): subject, blank line, body). No preamble.",
            Messages = [new UserMessageParam(stagedDiff)],
        };

        var timer = Stopwatch.StartNew();
        for (int i = 0; i < maxAttempts; i++)
        {
            try
            {
                Message reply = client.Messages.Create(request).GetAwaiter().GetResult();
                foreach (var block in reply.Content)
                {
                    if (block.TryPickText(out var text))
                    {
                        Console.Error.WriteLine($"  (took {timer.ElapsedMilliseconds} ms, {reply.Usage.OutputTokens} tokens)");
                        return text.Text.Trim();
                    }
                }
                return string.Empty;
            }
            catch (AnthropicApiException ex)
            {
                var firstLine = ex.Message.Split('\n')[0];
                Console.Error.WriteLine($"  ! attempt {i + 1}/{maxAttempts}: {firstLine}");
                Thread.Sleep(1500 * (i + 1));
            }
        }

        Console.Error.WriteLine("  ! could not reach Claude, write the message yourself");
        return null;
    }
}
