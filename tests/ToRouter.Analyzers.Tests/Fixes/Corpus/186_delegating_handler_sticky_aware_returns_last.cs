// lang: latest
// expect: quiet
// shape: #nullable enable; correct DelegatingHandler retry: buffers the request content, re-sends through base.SendAsync for (attempt = 1; ; attempt++) only on HttpRequestException (bounded by a filter) and on 408/429/5xx responses whose buffered body carries no API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota code; capped full-jitter exponential delay floored by Retry-After, returns the last response (4xx, sticky 429, over-cap Retry-After or the final attempt) to the caller
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N186;

public sealed class GatewayRetryHandler(ILogger<GatewayRetryHandler> logger) : DelegatingHandler
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // the body has to survive being sent more than once
        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync();

        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts)
            {
                logger.LogWarning(ex, "No response from the gateway (attempt {Attempt})", attempt);
                await Task.Delay(Backoff(attempt, null), cancellationToken);
                continue;
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || attempt >= MaxAttempts || (status is not (408 or 429) && status < 500))
                return response;

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (Array.Exists(StickyCodes, code => body.Contains(code, StringComparison.Ordinal)))
                return response;

            var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
            if (retryAfter > MaxDelay)
                return response;

            logger.LogInformation("Gateway answered {Status}; retrying (attempt {Attempt} of {Max})", status, attempt, MaxAttempts);
            response.Dispose();
            await Task.Delay(Backoff(attempt, retryAfter), cancellationToken);
        }
    }

    private static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        return retryAfter is { } hint && hint > delay ? hint : delay;
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
