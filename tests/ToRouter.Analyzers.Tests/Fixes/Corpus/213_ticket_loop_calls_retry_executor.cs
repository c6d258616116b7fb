// lang: latest
// expect: quiet
// shape: call sites of a retry helper: foreach over open support tickets calls an injected IRetryExecutor.ExecuteAsync(ct => ChatClient.CompleteChatAsync(...)) once per ticket; catch (ClientResultException) logs the ticket as unclassified and moves on to the next ticket (per-item handling, nothing in this file re-sends a failed request)
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N213
{
    /// <summary>Shared retry executor (lives in the platform package, classifies failures and backs off).</summary>
    public interface IRetryExecutor
    {
        Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken);
    }

    public sealed record Ticket(int Id, string Subject, string Body);

    public sealed class TicketTriageJob
    {
        private readonly ChatClient _chat;
        private readonly IRetryExecutor _retry;
        private readonly ILogger<TicketTriageJob> _logger;

        public TicketTriageJob(ChatClient chat, IRetryExecutor retry, ILogger<TicketTriageJob> logger)
        {
            _chat = chat;
            _retry = retry;
            _logger = logger;
        }

        public async Task<IDictionary<int, string>> RunAsync(IEnumerable<Ticket> openTickets, CancellationToken ct)
        {
            var labels = new Dictionary<int, string>();

            foreach (var ticket in openTickets)
            {
                try
                {
                    ChatCompletion completion = await _retry.ExecuteAsync(
                        async token => (await _chat.CompleteChatAsync(
                            new ChatMessage[]
                            {
                                new SystemChatMessage("Label the ticket as billing, bug, how-to or feature-request. Reply with the label."),
                                new UserChatMessage($"{ticket.Subject}\n\n{ticket.Body}")
                            },
                            cancellationToken: token)).Value,
                        ct);

                    labels[ticket.Id] = completion.Content[0].Text.Trim().ToLowerInvariant();
                }
                catch (ClientResultException ex)
                {
                    _logger.LogWarning("Ticket {TicketId} left unclassified: {Status} {Message}", ticket.Id, ex.Status, ex.Message);
                }
            }

            _logger.LogInformation("Classified {Count} tickets", labels.Count);
            return labels;
        }
    }
}
