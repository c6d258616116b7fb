// lang: latest
// expect: flagged
// shape: Service method whose async local function calls itself again after AnthropicRateLimitException or Anthropic5xxException while a remaining-attempts budget lasts, waiting a constant 3 s each time and retrying sticky quota 429s exactly like ordinary throttling.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N237;

public sealed class TicketTriageService(AnthropicClient client, ILogger<TicketTriageService> logger)
{
    private static readonly string[] Queues = ["billing", "outage", "account", "feature-request", "other"];

    public async Task<string> ClassifyAsync(string ticketText, CancellationToken ct)
    {
        var parameters = new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 16,
            System = "Answer with exactly one of: " + string.Join(", ", Queues),
            Messages = [new UserMessageParam(ticketText)],
        };

        var queue = await AttemptAsync(remaining: 4);
        return Queues.Contains(queue) ? queue : "other";

        async Task<string> AttemptAsync(int remaining)
        {
            try
            {
                var message = await client.Messages.Create(parameters, ct);
                var text = message.Content
                    .Select(b => b.TryPickText(out var t) ? t.Text : string.Empty)
                    .FirstOrDefault(s => s.Length > 0) ?? string.Empty;
                return text.Trim().ToLowerInvariant();
            }
            catch (AnthropicRateLimitException ex) when (remaining > 0)
            {
                logger.LogWarning("Triage throttled (request {RequestId}); {Remaining} attempts left", ex.RequestID, remaining);
            }
            catch (Anthropic5xxException ex) when (remaining > 0)
            {
                logger.LogWarning(ex, "Claude returned {Status}; {Remaining} attempts left", (int)ex.StatusCode, remaining);
            }

            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            return await AttemptAsync(remaining - 1);
        }
    }
}
