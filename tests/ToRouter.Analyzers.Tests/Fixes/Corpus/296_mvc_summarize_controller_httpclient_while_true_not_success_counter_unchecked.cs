// lang: latest
// expect: flagged
// shape: an MVC-style summarize controller action re-sends the chat request in `while (true)` whenever the response is not a success status (400/401/404 and sticky 429 included), counting attempts only for the log line and waiting a linearly growing delay, so it never gives up.
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N296;

public sealed class SummarizeRequest
{
    public string DocumentId { get; set; } = "";
    public string Text { get; set; } = "";
    public int MaxWords { get; set; } = 120;
}

public sealed record ActionResponse(int StatusCode, object? Body);

// Wired up as POST /api/documents/summarize by the host's routing table.
public class DocumentsController
{
    private readonly HttpClient _http; // typed client, BaseAddress = gateway URL
    private readonly ILogger<DocumentsController> _logger;

    public DocumentsController(HttpClient http, ILogger<DocumentsController> logger)
    {
        _http = http;
        _logger = logger;
    }

    public async Task<ActionResponse> Summarize(SummarizeRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
            return new ActionResponse(400, new { error = "text is required" });

        var payload = new
        {
            model = "gpt-4o-mini",
            messages = new object[]
            {
                new { role = "system", content = $"Summarize the document in at most {request.MaxWords} words." },
                new { role = "user", content = request.Text }
            }
        };

        var attempt = 0;
        while (true)
        {
            using var response = await _http.PostAsJsonAsync("v1/chat/completions", payload, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var completion = await response.Content.ReadFromJsonAsync<ChatCompletionDto>(cancellationToken: cancellationToken);
                var summary = completion?.Choices?[0].Message?.Content ?? "";
                _logger.LogInformation("Summarized {DocumentId} after {Attempts} attempt(s)", request.DocumentId, attempt + 1);
                return new ActionResponse(200, new { request.DocumentId, summary });
            }

            attempt++;
            _logger.LogWarning("Gateway returned {Status} for {DocumentId} (attempt {Attempt})",
                (int)response.StatusCode, request.DocumentId, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(750 * attempt), cancellationToken);
        }
    }

    private sealed class ChatCompletionDto
    {
        [JsonPropertyName("choices")] public ChoiceDto[]? Choices { get; set; }
    }

    private sealed class ChoiceDto
    {
        [JsonPropertyName("message")] public MessageDto? Message { get; set; }
    }

    private sealed class MessageDto
    {
        [JsonPropertyName("content")] public string? Content { get; set; }
    }
}
