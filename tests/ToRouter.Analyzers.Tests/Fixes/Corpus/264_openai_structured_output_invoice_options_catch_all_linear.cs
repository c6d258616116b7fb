// lang: latest
// expect: flagged
// shape: ASP.NET Core invoice-extraction service calls ChatClient with a strict JSON-schema response format and retries every exception (catch (Exception) bounded only by an attempt filter) with a delay that grows linearly from an IOptions setting.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;

namespace Corpus.N264;

public sealed record ExtractionOptions
{
    public const string SectionName = "InvoiceExtraction";
    public int MaxRetries { get; init; } = 3;
    public int RetryDelayMilliseconds { get; init; } = 750;
}

public sealed record InvoiceFields(string Vendor, string InvoiceNumber, decimal Total, string Currency, DateOnly? DueDate);

public interface IInvoiceExtractionService
{
    Task<InvoiceFields> ExtractAsync(string ocrText, CancellationToken ct = default);
}

public sealed class InvoiceExtractionService(
    ChatClient chat,
    IOptions<ExtractionOptions> options,
    ILogger<InvoiceExtractionService> logger) : IInvoiceExtractionService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly BinaryData Schema = BinaryData.FromString("""
        {
          "type": "object",
          "properties": {
            "vendor": { "type": "string" },
            "invoiceNumber": { "type": "string" },
            "total": { "type": "number" },
            "currency": { "type": "string" },
            "dueDate": { "type": ["string", "null"] }
          },
          "required": ["vendor", "invoiceNumber", "total", "currency", "dueDate"],
          "additionalProperties": false
        }
        """);

    private readonly ExtractionOptions _options = options.Value;

    public async Task<InvoiceFields> ExtractAsync(string ocrText, CancellationToken ct = default)
    {
        var completionOptions = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("invoice_fields", Schema, jsonSchemaIsStrict: true),
            Temperature = 0f,
        };

        List<ChatMessage> messages =
        [
            new SystemChatMessage("Extract the invoice header fields. Dates are ISO-8601. Use null when a field is missing."),
            new UserChatMessage(ocrText),
        ];

        var stopwatch = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, completionOptions, ct);
                var fields = JsonSerializer.Deserialize<InvoiceFields>(completion.Content[0].Text, Json)
                    ?? throw new JsonException("Model returned a null invoice.");

                logger.LogInformation(
                    "Extracted invoice {InvoiceNumber} from {Vendor} in {ElapsedMs} ms ({Attempts} attempt(s))",
                    fields.InvoiceNumber, fields.Vendor, stopwatch.ElapsedMilliseconds, attempt);
                return fields;
            }
            catch (Exception ex) when (attempt <= _options.MaxRetries)
            {
                // flaky gateway + the odd half-written JSON: just give it another go
                logger.LogWarning(ex, "Invoice extraction attempt {Attempt}/{MaxAttempts} failed, retrying",
                    attempt, _options.MaxRetries + 1);
                await Task.Delay(_options.RetryDelayMilliseconds * attempt, ct);
            }
        }
    }
}
