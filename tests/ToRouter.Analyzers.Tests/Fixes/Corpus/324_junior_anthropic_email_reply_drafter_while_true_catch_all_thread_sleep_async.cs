// lang: latest
// expect: flagged
// shape: Junior-style async email reply drafter calls Anthropic Messages.Create inside while (true) with catch (Exception) that only logs the try count and Thread.Sleep(3000)s, so it retries everything (sticky quota and 401 included) forever at a constant pace while blocking a pool thread.
#nullable enable
using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;

namespace Corpus.N324
{
    public class EmailReplyDrafter
    {
        private readonly AnthropicClient _client;
        private int _totalCalls;

        public EmailReplyDrafter(string apiKey)
        {
            // TODO move base url to config
            _client = new AnthropicClient(new Anthropic.Core.ClientOptions
            {
                ApiKey = apiKey,
                BaseUrl = "https://api.torouter.example/anthropic",
            });
        }

        public async Task<string> DraftReplyAsync(string customerName, string incomingEmail)
        {
            var prompt = new StringBuilder();
            prompt.AppendLine("Write a short, friendly reply to this customer email.");
            prompt.AppendLine("Customer: " + customerName);
            prompt.AppendLine("---");
            prompt.AppendLine(incomingEmail);

            var parameters = new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 600,
                System = "You are a support agent for Contoso Bikes. Never promise refunds.",
                Messages = [new UserMessageParam(prompt.ToString())],
            };

            int tries = 0;
            string reply = "";

            while (true)
            {
                tries++;
                try
                {
                    Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] drafting reply for {customerName} (try {tries})");
                    Message message = await _client.Messages.Create(parameters);
                    _totalCalls++;

                    reply = string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
                    break;
                }
                catch (Exception ex)
                {
                    // API is flaky sometimes, just wait a bit and try again
                    Console.WriteLine("Error talking to Claude: " + ex.Message);
                    Console.WriteLine("trying again in 3 sec... (" + tries + " tries so far)");
                    Thread.Sleep(3000);
                }
            }

            Console.WriteLine($"done after {tries} tries, total calls this session: {_totalCalls}");
            return reply.Trim();
        }
    }
}
