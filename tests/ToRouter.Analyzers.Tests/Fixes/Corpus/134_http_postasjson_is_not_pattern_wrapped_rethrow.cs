// lang: latest
// expect: flagged
// shape: for loop around PostAsJsonAsync + EnsureSuccessStatusCode; catch (HttpRequestException ex) when (ex.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)) excludes only 401/403, so 400/402/404 and sticky 429s are retried; jittered exponential wait, and the final failure is rethrown wrapped in a custom exception
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N134
{
    public sealed class LlmGatewayException : Exception
    {
        public LlmGatewayException(string message, Exception inner) : base(message, inner) { }
    }

    public sealed record ChatRequest(string Model, object[] Messages, double Temperature = 0.7);
    public sealed record ChatResponse(string Id, Choice[] Choices);
    public sealed record Choice(int Index, Message Message);
    public sealed record Message(string Role, string Content);

    public class TranslationService
    {
        private readonly HttpClient _http;
        private readonly Random _rng = new();
        private const int Attempts = 4;

        public TranslationService(HttpClient http) => _http = http;

        public async Task<string> TranslateAsync(string text, string targetLanguage, CancellationToken ct = default)
        {
            var request = new ChatRequest("gpt-4o-mini", new object[]
            {
                new { role = "system", content = $"Translate the user's text to {targetLanguage}." },
                new { role = "user", content = text },
            }, 0);

            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                try
                {
                    using var response = await _http.PostAsJsonAsync("v1/chat/completions", request, ct);
                    response.EnsureSuccessStatusCode();
                    var body = await response.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken: ct);
                    return body!.Choices[0].Message.Content;
                }
                catch (HttpRequestException ex) when (ex.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                {
                    if (attempt == Attempts - 1)
                    {
                        throw new LlmGatewayException($"Translation failed after {Attempts} attempts", ex);
                    }

                    var backoffMs = (int)(Math.Pow(2, attempt) * 1000) + _rng.Next(0, 1000);
                    await Task.Delay(backoffMs, ct);
                }
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
