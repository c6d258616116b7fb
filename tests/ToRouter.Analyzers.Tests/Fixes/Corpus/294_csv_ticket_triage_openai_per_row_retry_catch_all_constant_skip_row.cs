// lang: latest
// expect: flagged
// shape: a CSV ticket-triage batch job retries each row's ChatClient call up to 3 times on any Exception (catch-all with `continue`) with a constant 2 s delay, so quota/auth/400 errors are retried and nothing backs off before the row is skipped.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N294;

public sealed record TicketRow(string Id, string Subject, string Body);

public sealed class TicketTriageJob(ChatClient chat, ILogger<TicketTriageJob> logger)
{
    private static readonly string[] Labels = ["billing", "bug", "feature-request", "account", "other"];

    public async Task<int> RunAsync(string inputCsv, string outputCsv, CancellationToken ct = default)
    {
        var rows = File.ReadLines(inputCsv)
            .Skip(1) // header
            .Select(line => line.Split(';', 3))
            .Where(parts => parts.Length == 3)
            .Select(parts => new TicketRow(parts[0], parts[1], parts[2]))
            .ToList();

        var output = new List<string> { "id;label" };
        var skipped = new List<string>();
        var sw = Stopwatch.StartNew();

        foreach (var row in rows)
        {
            string? label = null;

            for (int attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage("Classify the support ticket. Answer with exactly one of: " + string.Join(", ", Labels)),
                        new UserChatMessage($"Subject: {row.Subject}\n\n{row.Body}")
                    };
                    ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
                    label = completion.Content[0].Text.Trim().ToLowerInvariant();
                    break;
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Row {Id}: attempt {Attempt} failed", row.Id, attempt);
                    await Task.Delay(2000, ct);
                    continue;
                }
            }

            if (label is null)
            {
                skipped.Add(row.Id);
                continue; // next ticket
            }

            if (!Labels.Contains(label))
                label = "other";

            output.Add($"{row.Id};{label}");
        }

        File.WriteAllLines(outputCsv, output);
        logger.LogInformation("Triaged {Done}/{Total} tickets in {Elapsed}; skipped: {Skipped}",
            output.Count - 1, rows.Count, sw.Elapsed, string.Join(",", skipped));
        return output.Count - 1;
    }
}
