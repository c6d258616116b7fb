// lang: latest
// expect: flagged
// shape: Incident-triage service retries Anthropic Messages.Create on `ex is AnthropicRateLimitException or Anthropic5xxException` with bounded, jittered exponential backoff, but never reads Type/ResponseBody so sticky API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are retried too.
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Corpus.N267;

public sealed record ClaudeOptions
{
    public string Model { get; init; } = "claude-sonnet-4-5";
    public int MaxTokens { get; init; } = 800;
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
}

public sealed record Incident(string Id, string Service, string Summary, string StackTrace);

public sealed record TriageResult(string IncidentId, string Severity, string Notes)
{
    public static TriageResult Parse(string incidentId, string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        var severity = firstLine.StartsWith("SEV", StringComparison.OrdinalIgnoreCase) ? firstLine : "SEV3";
        return new TriageResult(incidentId, severity, text);
    }
}

public sealed class IncidentTriageService(
    AnthropicClient claude,
    IOptions<ClaudeOptions> options,
    ILogger<IncidentTriageService> logger)
{
    public async Task<TriageResult> TriageAsync(Incident incident, CancellationToken ct)
    {
        var o = options.Value;
        var parameters = new MessageCreateParams
        {
            Model = o.Model,
            MaxTokens = o.MaxTokens,
            System = "You are an SRE. First line: SEV1..SEV4. Then a short root-cause hypothesis.",
            Messages = [new UserMessageParam { Content = $"Service: {incident.Service}\n{incident.Summary}\n\n{incident.StackTrace}" }],
        };

        Message? reply = null;
        for (var attempt = 1; reply is null; attempt++)
        {
            try
            {
                reply = await claude.Messages.Create(parameters, ct);
            }
            catch (AnthropicApiException ex) when (attempt < o.MaxAttempts && ex is AnthropicRateLimitException or Anthropic5xxException)
            {
                var backoff = o.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
                var delay = TimeSpan.FromMilliseconds(backoff * (0.5 + Random.Shared.NextDouble()));
                logger.LogWarning(ex, "Claude answered {Status} for incident {IncidentId}; retry {Attempt} in {Delay}",
                    (int)ex.StatusCode, incident.Id, attempt, delay);
                await Task.Delay(delay, ct);
            }
        }

        var text = string.Concat(reply.Content.Select(block => block.TryPickText(out var t) ? t.Text : string.Empty));
        logger.LogInformation("Triaged {IncidentId}: {Tokens} output tokens", incident.Id, reply.Usage.OutputTokens);
        return TriageResult.Parse(incident.Id, text);
    }
}
