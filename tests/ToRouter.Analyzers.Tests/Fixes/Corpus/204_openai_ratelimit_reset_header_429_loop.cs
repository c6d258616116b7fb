// lang: latest
// expect: flagged
// shape: bounded for loop over PostAsJsonAsync to an OpenAI-compatible endpoint; when StatusCode == TooManyRequests it parses OpenAI's x-ratelimit-reset-requests / x-ratelimit-reset-tokens headers ("6m0s", "1.5s", "250ms") with a Regex, logs LogInformation, waits that long (default 10 s) and continues, never reading the error body, so sticky quota 429s (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED) are retried; other statuses go through EnsureSuccessStatusCode; throws after the loop
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N204
{
    public sealed record ChatRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("messages")] IReadOnlyList<ChatTurn> Messages);

    public sealed record ChatTurn([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);

    public sealed record ChatResponse([property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice> Choices);

    public sealed record ChatChoice([property: JsonPropertyName("message")] ChatTurn Message);

    public sealed class TagSuggester
    {
        private const int MaxAttempts = 5;
        private static readonly Regex DurationPart = new(@"(\d+(?:\.\d+)?)(ms|s|m|h)", RegexOptions.Compiled);

        private readonly HttpClient _http;
        private readonly ILogger<TagSuggester> _logger;

        public TagSuggester(HttpClient http, ILogger<TagSuggester> logger)
        {
            _http = http;
            _logger = logger;
        }

        public async Task<string[]> SuggestTagsAsync(string articleText, CancellationToken ct = default)
        {
            var request = new ChatRequest("gpt-4o-mini", new[]
            {
                new ChatTurn("system", "Suggest up to 5 comma-separated tags for the article. Reply with tags only."),
                new ChatTurn("user", articleText)
            });

            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                using var response = await _http.PostAsJsonAsync("v1/chat/completions", request, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = ParseReset(response.Headers) ?? TimeSpan.FromSeconds(10);
                    _logger.LogInformation("Rate limited, waiting {Wait} before attempt {Next}", wait, attempt + 2);
                    await Task.Delay(wait, ct);
                    continue;
                }

                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken: ct);
                return body.Choices[0].Message.Content
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }

            throw new HttpRequestException($"Still rate limited after {MaxAttempts} attempts.");
        }

        private static TimeSpan? ParseReset(HttpResponseHeaders headers)
        {
            foreach (var name in new[] { "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens" })
            {
                if (!headers.TryGetValues(name, out var values)) continue;
                var total = TimeSpan.Zero;
                foreach (Match m in DurationPart.Matches(values.First()))
                {
                    var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    total += m.Groups[2].Value switch
                    {
                        "ms" => TimeSpan.FromMilliseconds(n),
                        "s" => TimeSpan.FromSeconds(n),
                        "m" => TimeSpan.FromMinutes(n),
                        _ => TimeSpan.FromHours(n)
                    };
                }
                if (total > TimeSpan.Zero) return total;
            }
            return null;
        }
    }
}
