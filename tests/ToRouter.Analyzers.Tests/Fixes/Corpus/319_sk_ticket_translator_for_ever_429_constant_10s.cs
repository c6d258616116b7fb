// lang: latest
// expect: flagged
// shape: Semantic Kernel support-ticket translator loops for(;;) around IChatCompletionService.GetChatMessageContentAsync and, on HttpOperationException with StatusCode 429, logs the body, waits a fixed 10 s and goes round again with no attempt limit, so a sticky quota 429 spins forever.
#nullable enable
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N319
{
    public sealed class TicketTranslator
    {
        private static readonly TimeSpan ThrottleWait = TimeSpan.FromSeconds(10);

        private readonly IChatCompletionService _chat;
        private readonly ILogger<TicketTranslator> _log;

        public TicketTranslator(IChatCompletionService chat, ILogger<TicketTranslator> log)
        {
            _chat = chat;
            _log = log;
        }

        public async Task<string> ToEnglishAsync(string ticketBody, string sourceLanguage, CancellationToken ct)
        {
            var history = new ChatHistory(
                "You translate customer support tickets into English. " +
                "Preserve product names, order numbers, stack traces and code snippets verbatim.");
            history.AddUserMessage($"Source language: {sourceLanguage}\n\n{ticketBody}");

            var settings = new PromptExecutionSettings
            {
                ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.1, ["max_tokens"] = 2000 },
            };

            var throttledAt = new List<DateTimeOffset>();

            for (;;)
            {
                try
                {
                    var reply = await _chat.GetChatMessageContentAsync(history, settings, cancellationToken: ct);
                    if (throttledAt.Count > 0)
                        _log.LogInformation("Ticket translated after {Count} throttled attempts (first at {First:O})", throttledAt.Count, throttledAt[0]);
                    return reply.Content ?? string.Empty;
                }
                catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throttledAt.Add(DateTimeOffset.UtcNow);
                    _log.LogWarning("Translator throttled ({Body}); trying again in {Wait}", ex.ResponseContent, ThrottleWait);
                    await Task.Delay(ThrottleWait, ct);
                }
            }
        }
    }
}
