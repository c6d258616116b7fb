// lang: latest
// expect: flagged
// shape: #nullable enable; while (true) around PostAsJsonAsync + EnsureSuccessStatusCode with records for the payload; catch (HttpRequestException ex) when (ex.StatusCode is null || ex.StatusCode >= HttpStatusCode.InternalServerError) correctly narrows to network/5xx failures, but retryCount is only incremented and logged, never tested, so the loop never gives up, and the wait grows linearly (retryCount * 2 s)
#nullable enable
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N161;

public record ChatTurn(string role, string content);
public record ChatRequest(string model, ChatTurn[] messages, int max_tokens);
public record ChatChoice(ChatTurn message);
public record ChatResponse(ChatChoice[] choices);

public class TranslationClient
{
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    public TranslationClient(HttpClient http, ILogger<TranslationClient> logger)
    {
        _http = http;
        _logger = logger;
    }

    public async Task<string> TranslateAsync(string text, string targetLanguage, CancellationToken ct)
    {
        var request = new ChatRequest(
            "gpt-4o-mini",
            new[]
            {
                new ChatTurn("system", $"Translate the user's text to {targetLanguage}. Keep markdown intact."),
                new ChatTurn("user", text),
            },
            2048);

        var retryCount = 0;
        while (true)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync("v1/chat/completions", request, ct);
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken: ct);
                return body?.choices[0].message.content ?? string.Empty;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null || ex.StatusCode >= HttpStatusCode.InternalServerError)
            {
                retryCount++;
                _logger.LogWarning(ex, "Translation to {Language} failed (retry #{RetryCount})", targetLanguage, retryCount);
                await Task.Delay(TimeSpan.FromSeconds(retryCount * 2), ct);
            }
        }
    }
}
