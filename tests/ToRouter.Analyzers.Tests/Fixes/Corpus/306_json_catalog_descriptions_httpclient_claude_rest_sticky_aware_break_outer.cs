// lang: latest
// expect: quiet
// shape: a catalog-description job posts to the gateway's /v1/messages with HttpClient in a bounded 5-attempt loop that returns on success, throws on sticky codes (which break the outer product loop) and on 400-404, and retries only network errors, 408/429/5xx with capped full-jitter backoff floored by Retry-After.
#nullable enable
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N306;

public sealed record CatalogItem(string Sku, string Name, string[] Attributes);
public sealed class QuotaExhaustedException(string body) : Exception("Gateway quota exhausted: " + body);
public sealed class GatewayRequestException(int status, string body) : Exception($"Gateway returned {status}: {body}")
{
    public int Status { get; } = status;
}

public sealed class CatalogDescriptionJob(HttpClient http, ILogger<CatalogDescriptionJob> log)
{
    private const int MaxAttempts = 5;
    private const double BaseDelayMs = 1000, MaxDelayMs = 30000;

    public async Task<Dictionary<string, string>> RunAsync(string catalogJson, CancellationToken ct)
    {
        var items = JsonSerializer.Deserialize<List<CatalogItem>>(catalogJson) ?? new();
        var descriptions = new Dictionary<string, string>();
        var failed = new List<string>();

        foreach (var item in items)
        {
            try
            {
                descriptions[item.Sku] = await DescribeAsync(item, ct);
            }
            catch (QuotaExhaustedException ex)
            {
                log.LogError(ex, "Stopping after {Count} items", descriptions.Count);
                break;
            }
            catch (GatewayRequestException ex)
            {
                log.LogWarning("Skipping {Sku}: {Status}", item.Sku, ex.Status);
                failed.Add(item.Sku);
            }
        }

        log.LogInformation("Described {Ok} items, {Failed} failed", descriptions.Count, failed.Count);
        return descriptions;
    }

    private async Task<string> DescribeAsync(CatalogItem item, CancellationToken ct)
    {
        var payload = new
        {
            model = "claude-haiku-4-5",
            max_tokens = 300,
            messages = new[] { new { role = "user", content = $"Write a product description for {item.Name}. Attributes: {string.Join(", ", item.Attributes)}" } }
        };

        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync("v1/messages", payload, ct);
            }
            catch (HttpRequestException ex) when (attempt + 1 < MaxAttempts)
            {
                log.LogWarning(ex, "Network error on {Sku}, attempt {Attempt}", item.Sku, attempt + 1);
                await Task.Delay(Backoff(attempt, null), ct);
                continue;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    using var doc = JsonDocument.Parse(body);
                    return doc.RootElement.GetProperty("content")[0].GetProperty("text").GetString() ?? "";
                }

                var status = (int)response.StatusCode;
                if (body.Contains("API_KEY_QUOTA_EXHAUSTED") || body.Contains("USAGE_LIMIT_EXCEEDED"))
                    throw new QuotaExhaustedException(body);

                var transient = status == 408 || status == 429 || status >= 500;
                var retryAfter = response.Headers.RetryAfter?.Delta;
                if (!transient || attempt + 1 >= MaxAttempts || retryAfter > TimeSpan.FromMilliseconds(MaxDelayMs))
                    throw new GatewayRequestException(status, body);

                await Task.Delay(Backoff(attempt, retryAfter), ct);
            }
        }
    }

    private static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var ms = Random.Shared.NextDouble() * Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt));
        if (retryAfter is { } hint && hint.TotalMilliseconds > ms) ms = hint.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(ms);
    }
}
