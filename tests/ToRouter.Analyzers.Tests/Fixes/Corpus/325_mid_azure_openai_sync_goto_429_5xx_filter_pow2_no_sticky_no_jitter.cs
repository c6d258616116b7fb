// lang: latest
// expect: flagged
// shape: Mid-level synchronous Azure OpenAI ticket classifier re-enters a goto label when ClientResultException is 429 or 5xx, bounded at four attempts with 2^n-second Thread.Sleep, but never reads the body so sticky API_KEY_QUOTA_EXHAUSTED/USAGE_LIMIT_EXCEEDED 429s are retried and the backoff has no jitter.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N325
{
    public sealed class TicketClassifier
    {
        private const int MaxAttempts = 4;
        private static readonly string[] Labels = { "billing", "bug", "feature-request", "other" };

        private readonly ChatClient _chat;
        private readonly ILogger<TicketClassifier> _logger;

        public TicketClassifier(Uri endpoint, string apiKey, string deployment, ILogger<TicketClassifier> logger)
        {
            var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey));
            _chat = azure.GetChatClient(deployment);
            _logger = logger;
        }

        public string Classify(string ticketTitle, string ticketBody)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Classify the ticket. Answer with exactly one of: " + string.Join(", ", Labels)),
                new UserChatMessage(ticketTitle + "\n\n" + ticketBody),
            };
            var options = new ChatCompletionOptions { Temperature = 0f, MaxOutputTokenCount = 5 };

            int attempt = 0;
            var sw = Stopwatch.StartNew();

        again:
            try
            {
                ChatCompletion completion = _chat.CompleteChat(messages, options);
                string label = completion.Content[0].Text.Trim().ToLowerInvariant();
                _logger.LogDebug("Classified as {Label} in {Elapsed} ms ({Attempts} attempts)", label, sw.ElapsedMilliseconds, attempt + 1);
                return Array.IndexOf(Labels, label) >= 0 ? label : "other";
            }
            catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
            {
                attempt++;
                if (attempt >= MaxAttempts)
                {
                    _logger.LogError(ex, "Azure OpenAI still failing after {Attempts} attempts", attempt);
                    throw;
                }

                // 2s, 4s, 8s
                var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                _logger.LogWarning("Azure OpenAI returned {Status}, sleeping {Wait} before attempt {Next}", ex.Status, wait, attempt + 1);
                Thread.Sleep(wait);
                goto again;
            }
        }
    }
}
