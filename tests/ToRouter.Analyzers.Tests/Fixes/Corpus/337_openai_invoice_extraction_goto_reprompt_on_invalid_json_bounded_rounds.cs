// lang: latest
// expect: quiet
// shape: Invoice-extraction service jumps back to a goto label only after a JsonException on the model's output, appending the bad reply and a correction message to the conversation first, so each round is a different request (re-prompting, not a retry loop) and it throws after three rounds.
#nullable enable
using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N337
{
    public sealed record InvoiceFields(string Vendor, string InvoiceNumber, DateOnly IssueDate, decimal Total, string Currency);

    public sealed class InvoiceExtractor(ChatClient chat, ILogger<InvoiceExtractor> logger)
    {
        private const int MaxRounds = 3;
        private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

        public async Task<InvoiceFields> ExtractAsync(string ocrText, CancellationToken ct)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage(
                    "Extract vendor, invoiceNumber, issueDate (yyyy-MM-dd), total (number) and currency (ISO 4217) " +
                    "from the invoice text. Reply with a single JSON object and nothing else."),
                new UserChatMessage(ocrText),
            };
            var options = new ChatCompletionOptions
            {
                Temperature = 0,
                ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(),
            };

            int round = 0;

        ask:
            round++;
            ChatCompletion completion = await chat.CompleteChatAsync(messages, options, ct);
            string reply = completion.Content[0].Text;

            try
            {
                var fields = JsonSerializer.Deserialize<InvoiceFields>(reply, Json)
                             ?? throw new JsonException("Model returned JSON null.");
                logger.LogInformation("Extracted invoice {Number} from {Vendor} in {Rounds} round(s)", fields.InvoiceNumber, fields.Vendor, round);
                return fields;
            }
            catch (JsonException ex) when (round < MaxRounds)
            {
                logger.LogInformation("Round {Round}: model output was not valid invoice JSON ({Error}); asking it to correct", round, ex.Message);

                // Show the model what it said and why it was rejected, then ask again with the longer conversation.
                messages.Add(new AssistantChatMessage(reply));
                messages.Add(new UserChatMessage(
                    $"That reply could not be parsed: {ex.Message}. Return only the JSON object with the five fields, " +
                    "issueDate as yyyy-MM-dd and total as a plain number."));
                goto ask;
            }
        }
    }
}
