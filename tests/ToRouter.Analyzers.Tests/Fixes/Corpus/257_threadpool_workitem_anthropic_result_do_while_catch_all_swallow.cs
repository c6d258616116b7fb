// lang: latest
// expect: flagged
// shape: a ThreadPool work item blocks on AnthropicClient.Messages.Create(...).Result inside a do/while(!ok && tries < 5) that catches every Exception, sleeps a fixed 500 ms, and lets the void method end silently with the ticket untagged.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Anthropic;
using Anthropic.Models.Messages;

namespace Corpus.N257
{
    public sealed class SupportTicket
    {
        public int Id { get; init; }
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
        public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();
    }

    public sealed class TicketAutoTagger
    {
        private readonly AnthropicClient _client;
        private static int s_inFlight;

        public TicketAutoTagger(AnthropicClient client) => _client = client;

        public static int InFlight => Volatile.Read(ref s_inFlight);

        // Called from the mail-ingest thread; must not block it.
        public void QueueTagging(SupportTicket ticket) =>
            ThreadPool.QueueUserWorkItem(_ => TagTicket(ticket));

        private void TagTicket(SupportTicket ticket)
        {
            Interlocked.Increment(ref s_inFlight);
            bool ok = false;
            int tries = 0;

            do
            {
                tries++;
                try
                {
                    var message = _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 100,
                        Messages = new List<MessageParam>
                        {
                            new UserMessageParam
                            {
                                Content = "Return 1-3 comma separated tags for this ticket.\n" + ticket.Subject + "\n" + ticket.Body,
                            },
                        },
                    }).Result;

                    var text = string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
                    ticket.Tags = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    ok = true;
                }
                catch (Exception ex)
                {
                    Debug.WriteLine($"tagging ticket {ticket.Id} failed (try {tries}): {ex.GetBaseException().Message}");
                    Thread.Sleep(500);
                }
            } while (!ok && tries < 5);

            Interlocked.Decrement(ref s_inFlight);
        }
    }
}
