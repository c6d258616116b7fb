// lang: latest
// expect: flagged
// shape: customer-support bot: while (attempt < MaxAttempts) loop around ChatClient.CompleteChatAsync; catch (ClientResultException ex) when (ex.Status is 429 or 500 or 502 or 503 or 504) logs the attempt counter and waits a jittered exponential delay; after the loop it logs "giving up" using the same counter and returns a canned apology string instead of throwing (sticky 429s are retried too)
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N135
{
    public class SupportBot
    {
        private const int MaxAttempts = 4;
        private const string Apology = "Sorry, our assistant is busy right now. A human agent will get back to you shortly.";

        private readonly ChatClient _chatClient;
        private readonly ILogger<SupportBot> _logger;
        private readonly Random _random = new Random();

        public SupportBot(ChatClient chatClient, ILogger<SupportBot> logger)
        {
            _chatClient = chatClient;
            _logger = logger;
        }

        public async Task<string> ReplyAsync(IList<ChatMessage> transcript, CancellationToken cancellationToken)
        {
            var attempt = 0;
            while (attempt < MaxAttempts)
            {
                attempt++;
                try
                {
                    var completion = await _chatClient.CompleteChatAsync(transcript, cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
                    _logger.LogDebug("Reply generated on attempt {Attempt}", attempt);
                    return completion.Value.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status is 429 or 500 or 502 or 503 or 504)
                {
                    var delayMs = (1 << attempt) * 500 + _random.Next(0, 500);
                    _logger.LogWarning("LLM returned {Status} on attempt {Attempt}/{Max}; waiting {Delay} ms",
                        ex.Status, attempt, MaxAttempts, delayMs);
                    await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                }
            }

            _logger.LogError("Giving up after {Attempts} attempts, sending apology", attempt);
            return Apology;
        }
    }
}
