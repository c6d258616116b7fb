// lang: latest
// expect: flagged
// shape: countdown while (retriesLeft-- > 0) around AnthropicClient.Messages.Create; an unfiltered catch (AnthropicApiException) logs through a factory-created ILogger and waits a doubling delay plus Random.Shared jitter, so 400/401/403/404 and sticky quota 429s are retried; after the budget runs out the method returns string.Empty instead of throwing
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N155
{
    public class TicketTriageAgent
    {
        private static readonly string[] Queues = { "billing", "bug", "how-to", "account", "other" };

        private readonly AnthropicClient _client;
        private readonly ILogger _logger;

        public TicketTriageAgent(AnthropicClient client, ILoggerFactory loggerFactory)
        {
            _client = client;
            _logger = loggerFactory.CreateLogger("Support.Triage");
        }

        public async Task<string> ClassifyAsync(string ticketText, CancellationToken ct)
        {
            var parameters = new MessageCreateParams
            {
                Model = "claude-haiku-4-5",
                MaxTokens = 16,
                System = "Reply with exactly one word from this list: " + string.Join(", ", Queues),
                Messages = new List<MessageParam> { new UserMessageParam { Content = ticketText } },
            };

            int retriesLeft = 3;
            int delayMs = 1000;
            while (retriesLeft-- > 0)
            {
                try
                {
                    var message = await _client.Messages.Create(parameters, ct);
                    var label = string.Concat(message.Content.Select(b => b.Value).OfType<TextBlock>().Select(t => t.Text)).Trim().ToLowerInvariant();
                    return Queues.Contains(label) ? label : "other";
                }
                catch (AnthropicApiException ex)
                {
                    _logger.LogError(ex, "Claude returned {StatusCode} while triaging; {RetriesLeft} retries left", ex.StatusCode, retriesLeft);
                    await Task.Delay(delayMs + Random.Shared.Next(0, 500), ct);
                    delayMs *= 2;
                }
            }

            return string.Empty;
        }
    }
}
