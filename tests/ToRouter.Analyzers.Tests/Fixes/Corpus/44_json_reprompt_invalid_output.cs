// lang: latest
// expect: quiet
// shape: bounded for loop that re-prompts the model when its reply is not valid JSON: catch (JsonException) appends the bad reply and a correction message to the conversation before asking again; API failures are not caught.
using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N44;

public sealed class InvoiceFields
{
    public string Vendor { get; set; }
    public decimal Total { get; set; }
    public string Currency { get; set; }
    public DateTime? DueDate { get; set; }
}

public sealed class InvoiceParser
{
    private const int MaxTurns = 3;
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
    private readonly ChatClient _chat;

    public InvoiceParser(ChatClient chat) => _chat = chat;

    public async Task<InvoiceFields> ParseAsync(string invoiceText, CancellationToken ct)
    {
        var conversation = new List<ChatMessage>
        {
            new SystemChatMessage("Extract vendor, total, currency and dueDate from the invoice. Reply with a single JSON object."),
            new UserChatMessage(invoiceText),
        };
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };

        for (int turn = 1; turn <= MaxTurns; turn++)
        {
            ChatCompletion completion = await _chat.CompleteChatAsync(conversation, options, ct);
            string reply = completion.Content[0].Text;

            try
            {
                var fields = JsonSerializer.Deserialize<InvoiceFields>(reply, JsonOptions);
                if (fields?.Vendor != null)
                {
                    return fields;
                }

                throw new JsonException("vendor is missing");
            }
            catch (JsonException ex)
            {
                conversation.Add(new AssistantChatMessage(reply));
                conversation.Add(new UserChatMessage($"That reply was not usable ({ex.Message}). Return only the JSON object with all four fields."));
            }
        }

        throw new FormatException($"The model did not return valid invoice JSON after {MaxTurns} turns.");
    }
}
