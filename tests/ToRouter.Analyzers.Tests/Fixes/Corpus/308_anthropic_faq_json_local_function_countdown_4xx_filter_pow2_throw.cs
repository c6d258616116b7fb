// lang: latest
// expect: flagged
// shape: an FAQ-generation batch reads questions from JSON and answers each through a local function whose countdown for-loop retries any AnthropicApiException with status >= 400 (so 400/401/403/404 and sticky 429s) while retries remain, waiting 2^n s with no jitter, and throws the last failure into the per-item result list.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N308;

public sealed record FaqEntry(string Question, string? Answer, string? Error);

public static class FaqGenerator
{
    public static async Task<List<FaqEntry>> GenerateAsync(AnthropicClient client, string questionsJsonPath, string productDocs, CancellationToken ct = default)
    {
        var questions = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(questionsJsonPath, ct)) ?? [];
        var entries = new List<FaqEntry>(questions.Length);

        async Task<string> AskAsync(string question)
        {
            for (int remaining = 3; ; remaining--)
            {
                try
                {
                    var message = await client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 600,
                        System = "Answer customer FAQ questions using only this documentation:\n" + productDocs,
                        Messages = [new UserMessageParam { Content = question }],
                    }, ct);
                    return string.Join("", message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
                }
                catch (AnthropicApiException ex) when (remaining > 0 && (int)ex.StatusCode >= 400)
                {
                    Console.Error.WriteLine($"[faq] {(int)ex.StatusCode} for \"{question}\", {remaining} retries left");
                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, 3 - remaining)), ct);
                }
            }
        }

        foreach (var question in questions.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                entries.Add(new FaqEntry(question, await AskAsync(question), null));
            }
            catch (AnthropicException ex)
            {
                entries.Add(new FaqEntry(question, null, ex.Message));
            }
        }

        return entries;
    }
}
