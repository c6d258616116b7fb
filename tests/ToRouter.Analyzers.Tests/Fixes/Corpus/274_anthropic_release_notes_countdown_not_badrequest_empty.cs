// lang: latest
// expect: flagged
// shape: Release-notes writer counts down IOptions retries around Anthropic Messages.Create, catching every AnthropicException except BadRequest (so 401/403/404, sticky 429s and IO errors alike), waits attempt * N seconds, and returns string.Empty when the budget is spent.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Corpus.N274;

public sealed record ReleaseNotesOptions
{
    public string Model { get; init; } = "claude-haiku-4-5";
    public int RetryCount { get; init; } = 3;
    public int RetryDelaySeconds { get; init; } = 2;
}

public sealed class ReleaseNotesWriter(AnthropicClient anthropic, IOptions<ReleaseNotesOptions> options, ILogger<ReleaseNotesWriter> logger)
{
    public async Task<string> WriteAsync(IReadOnlyCollection<string> commitMessages, string version, CancellationToken ct = default)
    {
        var o = options.Value;
        var prompt = new StringBuilder()
            .AppendLine($"Write user-facing release notes for version {version}.")
            .AppendLine("Group into Features, Fixes and Breaking changes. Skip chores and CI commits.")
            .AppendLine();
        foreach (var commit in commitMessages.Where(c => !c.StartsWith("chore", StringComparison.OrdinalIgnoreCase)))
            prompt.Append("- ").AppendLine(commit);

        var request = new MessageCreateParams
        {
            Model = o.Model,
            MaxTokens = 1500,
            Messages = [new UserMessageParam { Content = prompt.ToString() }],
        };

        var sw = Stopwatch.StartNew();
        for (var remaining = o.RetryCount; remaining >= 0; remaining--)
        {
            try
            {
                var message = await anthropic.Messages.Create(request, ct);
                var notes = string.Join("\n", message.Content.Select(b => b.TryPickText(out var text) ? text.Text : null).OfType<string>());
                logger.LogInformation("Release notes for {Version}: {Chars} chars in {Elapsed}", version, notes.Length, sw.Elapsed);
                return notes;
            }
            catch (AnthropicException ex) when (ex is not AnthropicBadRequestException)
            {
                var attempt = o.RetryCount - remaining + 1;
                logger.LogWarning(ex, "Release notes for {Version}: attempt {Attempt} failed ({Error})", version, attempt, ex.GetType().Name);
                if (remaining > 0)
                    await Task.Delay(TimeSpan.FromSeconds(attempt * o.RetryDelaySeconds), ct);
            }
        }

        logger.LogError("Giving up on release notes for {Version} after {Elapsed}; the release page will show the raw changelog", version, sw.Elapsed);
        return string.Empty;
    }
}
