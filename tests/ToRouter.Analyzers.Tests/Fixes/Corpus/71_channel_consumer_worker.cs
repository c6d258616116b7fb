// lang: latest
// expect: quiet
// shape: message-consumer loop (await foreach over ChannelReader.ReadAllAsync) that classifies each support ticket with one ChatClient call, catches ClientResultException per item to dead-letter it with the status, and moves on to the next message.
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N71;

public sealed record Ticket(string Id, string Body);

public sealed record ClassifiedTicket(string Id, string Queue);

public sealed class TicketRoutingConsumer
{
    private readonly ChannelReader<Ticket> _inbox;
    private readonly ChannelWriter<ClassifiedTicket> _routed;
    private readonly ChannelWriter<(Ticket Ticket, string Reason)> _deadLetters;
    private readonly ChatClient _chat;

    public TicketRoutingConsumer(
        ChannelReader<Ticket> inbox,
        ChannelWriter<ClassifiedTicket> routed,
        ChannelWriter<(Ticket, string)> deadLetters,
        ChatClient chat)
    {
        _inbox = inbox;
        _routed = routed;
        _deadLetters = deadLetters;
        _chat = chat;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (Ticket ticket in _inbox.ReadAllAsync(stoppingToken))
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    new ChatMessage[]
                    {
                        new SystemChatMessage("Route the ticket to one queue: billing, technical, account, other. Reply with the queue name."),
                        new UserChatMessage(ticket.Body),
                    },
                    cancellationToken: stoppingToken);

                await _routed.WriteAsync(new ClassifiedTicket(ticket.Id, completion.Content[0].Text.Trim()), stoppingToken);
            }
            catch (ClientResultException ex)
            {
                // A human triages anything the model could not route; the consumer keeps draining the inbox.
                await _deadLetters.WriteAsync((ticket, $"model call failed: HTTP {ex.Status}"), stoppingToken);
            }
        }
    }
}
