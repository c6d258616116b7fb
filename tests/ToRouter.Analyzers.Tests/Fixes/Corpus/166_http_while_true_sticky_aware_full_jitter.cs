// lang: latest
// expect: quiet
// shape: #nullable enable; correct while (true) retry with the bound inside: PostAsync retried only on HttpRequestException (no EnsureSuccessStatusCode, so network only) and on a timeout the caller did not cause, and on 408/429/5xx after reading the body with JsonDocument and treating API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota as terminal; capped full-jitter exponential delay floored by Retry-After (gives up if the hint exceeds the cap); throws after MaxAttempts
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N166;

public sealed class GatewayChatClient(HttpClient http, ILogger<GatewayChatClient> logger)
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    public async Task<string> SendAsync(string requestJson, CancellationToken ct)
    {
        var attempt = 0;
        while (true)
        {
            attempt++;
            HttpResponseMessage response;
            try
            {
                using var content = new StringContent(requestJson, Encoding.UTF8, "application/json");
                response = await http.PostAsync("v1/chat/completions", content, ct);
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts)
            {
                // connection refused / reset / DNS: the gateway never answered
                await PauseAsync(attempt, null, ex.Message, ct);
                continue;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested && attempt < MaxAttempts)
            {
                await PauseAsync(attempt, null, "timeout", ct);
                continue;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                    return body;

                var status = (int)response.StatusCode;
                var transient = (status is 408 or 429 or >= 500) && !IsSticky(body);
                if (!transient || attempt >= MaxAttempts)
                    throw new HttpRequestException($"Gateway returned {status}: {body}", null, response.StatusCode);

                await PauseAsync(attempt, RetryAfterOf(response.Headers.RetryAfter), $"HTTP {status}", ct);
            }
        }
    }

    private async Task PauseAsync(int attempt, TimeSpan? retryAfter, string reason, CancellationToken ct)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        if (retryAfter is { } hint)
        {
            if (hint > MaxDelay)
                throw new HttpRequestException($"Gateway asked us to wait {hint}, longer than we are willing to.");
            if (hint > delay)
                delay = hint;
        }

        logger.LogWarning("Attempt {Attempt} failed ({Reason}); retrying in {Delay}", attempt, reason, delay);
        await Task.Delay(delay, ct);
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    private static bool IsSticky(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                return false;
            foreach (var name in new[] { "type", "code" })
            {
                if (error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    && Array.IndexOf(StickyCodes, value.GetString()) >= 0)
                    return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
