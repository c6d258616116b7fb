// lang: latest
// expect: quiet
// shape: a Slack-style /explain slash-command handler calls ChatClient through a bounded 4-attempt loop that retries only transient ClientResultExceptions (status 0/408/429/5xx without a sticky code), waits full-jitter exponential backoff floored by Retry-After, and rethrows the last failure; the handler's friendly error reply sits outside the loop.
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N299;

public sealed record SlashCommand(string TeamId, string UserId, string Command, string Text);
public sealed record SlackResponse(string ResponseType, string Text);

public sealed class ExplainCommandHandler(ChatClient chat, ILogger<ExplainCommandHandler> logger)
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    public async Task<SlackResponse> HandleAsync(SlashCommand command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Text))
            return new SlackResponse("ephemeral", "Usage: `/explain <error message or snippet>`");

        try
        {
            var answer = await CompleteAsync(command.Text, ct);
            return new SlackResponse("in_channel", answer);
        }
        catch (ClientResultException ex)
        {
            logger.LogError(ex, "Explain failed for {User} in {Team}", command.UserId, command.TeamId);
            return new SlackResponse("ephemeral", $":warning: The assistant is unavailable right now (HTTP {ex.Status}).");
        }
    }

    private async Task<string> CompleteAsync(string text, CancellationToken ct)
    {
        ChatMessage[] messages =
        [
            new SystemChatMessage("Explain the user's error message to a developer in Slack mrkdwn, max 8 lines."),
            new UserChatMessage(text),
        ];

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && ShouldRetry(ex, attempt, out var delay))
            {
                logger.LogInformation("Gateway {Status}, retry {Attempt} in {Delay}", ex.Status, attempt + 1, delay);
                await Task.Delay(delay, ct);
            }
        }
    }

    private static bool ShouldRetry(ClientResultException ex, int attempt, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        PipelineResponse? raw = ex.GetRawResponse();
        string? body = null;
        TimeSpan? retryAfter = null;
        if (raw is not null)
        {
            try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
            if (raw.Headers.TryGetValue("Retry-After", out var ra) &&
                double.TryParse(ra, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                retryAfter = TimeSpan.FromSeconds(seconds);
        }

        foreach (var sticky in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
            if ((body ?? "").Contains(sticky, StringComparison.Ordinal) || ex.Message.Contains(sticky, StringComparison.Ordinal))
                return false;

        if (ex.Status != 0 && ex.Status != 408 && ex.Status != 429 && ex.Status < 500)
            return false;

        var capMs = Math.Min(MaxDelay.TotalMilliseconds, 1000 * Math.Pow(2, attempt));
        delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * capMs);
        if (retryAfter is { } hint)
        {
            if (hint > MaxDelay) return false; // server wants us gone for longer than a slash command can wait
            if (hint > delay) delay = hint;
        }
        return true;
    }
}
