// lang: latest
// expect: flagged
// shape: outer foreach over invoice documents with an inner while (!done) retry loop around AnthropicClient.Messages.Create; catch (AnthropicApiException ex) when ((int)ex.StatusCode == 429) waits a constant 15 s and goes round with no attempt limit, so a sticky quota 429 spins forever on the first document
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N139;

public record InvoiceDocument(string FileName, string OcrText);
public record InvoiceExtraction(string FileName, string Json);

public class InvoiceExtractor
{
    private readonly AnthropicClient _anthropic;
    private readonly ILogger _logger;

    public InvoiceExtractor(AnthropicClient anthropic, ILogger<InvoiceExtractor> logger)
    {
        _anthropic = anthropic;
        _logger = logger;
    }

    public async Task<List<InvoiceExtraction>> ExtractAllAsync(IEnumerable<InvoiceDocument> documents, CancellationToken ct)
    {
        var results = new List<InvoiceExtraction>();

        foreach (var doc in documents)
        {
            var request = new MessageCreateParams
            {
                Model = Model.ClaudeSonnet5_5,
                MaxTokens = 2048,
                System = "Extract vendor, date, total and line items as JSON. Output JSON only.",
                Messages = [new UserMessageParam(doc.OcrText)],
            };

            var done = false;
            while (!done)
            {
                try
                {
                    var message = await _anthropic.Messages.Create(request, ct);
                    var json = string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : string.Empty));
                    results.Add(new InvoiceExtraction(doc.FileName, json));
                    done = true;
                }
                catch (AnthropicApiException ex) when ((int)ex.StatusCode == 429)
                {
                    _logger.LogWarning("Rate limited while extracting {File}; waiting 15s", doc.FileName);
                    await Task.Delay(TimeSpan.FromSeconds(15), ct);
                }
            }
        }

        return results;
    }
}
