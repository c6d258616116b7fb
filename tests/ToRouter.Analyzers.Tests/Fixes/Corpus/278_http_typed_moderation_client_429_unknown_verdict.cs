// lang: latest
// expect: flagged
// shape: Typed HttpClient moderation client loops on 429/503 responses waiting Retry-After or an unjittered 2^n backoff without reading the body for sticky quota codes, and when the attempts run out returns a ModerationVerdict.Unknown placeholder instead of failing.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Corpus.N278;

public sealed record ModerationVerdict(bool Flagged, IReadOnlyDictionary<string, double> Scores)
{
    public static readonly ModerationVerdict Unknown = new(false, new Dictionary<string, double>());
}

public sealed class GatewayOptions
{
    public int MaxAttempts { get; set; } = 4;
    public int BackoffSeconds { get; set; } = 1;
}

/// <summary>Registered with services.AddHttpClient&lt;ModerationApiClient&gt;(c => c.BaseAddress = gatewayUri).</summary>
public sealed class ModerationApiClient(HttpClient http, IOptions<GatewayOptions> options, ILogger<ModerationApiClient> logger)
{
    public async Task<ModerationVerdict> CheckAsync(string text, CancellationToken ct = default)
    {
        var o = options.Value;
        var attempt = 0;
        while (attempt < o.MaxAttempts)
        {
            attempt++;
            using var response = await http.PostAsJsonAsync("v1/moderations", new { model = "omni-moderation-latest", input = text }, ct);

            if (response.IsSuccessStatusCode)
            {
                var payload = await response.Content.ReadFromJsonAsync<ModerationResponse>(ct);
                var result = payload?.Results.FirstOrDefault();
                return result is null ? ModerationVerdict.Unknown : new ModerationVerdict(result.Flagged, result.CategoryScores);
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(o.BackoffSeconds * Math.Pow(2, attempt));
                logger.LogWarning("Moderation attempt {Attempt} got {Status}; waiting {Wait}", attempt, (int)response.StatusCode, wait);
                await Task.Delay(wait, ct);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            logger.LogError("Moderation failed with {Status}: {Body}", (int)response.StatusCode, body);
            throw new HttpRequestException($"Moderation failed with {(int)response.StatusCode}", null, response.StatusCode);
        }

        // Don't block user posts because the moderation endpoint is busy.
        logger.LogWarning("Moderation unavailable after {Attempts} attempts; returning Unknown", attempt);
        return ModerationVerdict.Unknown;
    }

    private sealed record ModerationResponse([property: JsonPropertyName("results")] IReadOnlyList<ModerationResult> Results);

    private sealed record ModerationResult(
        [property: JsonPropertyName("flagged")] bool Flagged,
        [property: JsonPropertyName("category_scores")] Dictionary<string, double> CategoryScores);
}
