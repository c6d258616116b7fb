// lang: latest
// expect: quiet
// shape: #nullable enable; bounded for loop over SendAsync that reads the error body, stops on API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota and on any status other than 408/429/5xx, waits capped full-jitter exponential backoff (never less than Retry-After), retries network failures and timeouts not caused by the caller through attempt-bounded filters, and throws a typed exception on the last failure.
#nullable enable
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N91;

public sealed class GatewayRequestException : Exception
{
    public GatewayRequestException(HttpStatusCode status, string body)
        : base($"Gateway returned {(int)status}: {body}")
    {
        Status = status;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    public string Body { get; }
}

public sealed class ResilientCompletionClient
{
    private const int MaxAttempts = 6;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

    private readonly HttpClient _http;

    public ResilientCompletionClient(HttpClient http) => _http = http;

    public async Task<string> CompleteAsync(string requestJson, CancellationToken cancellationToken = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent(requestJson, Encoding.UTF8, "application/json"),
            };

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                await Task.Delay(ComputeDelay(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (TaskCanceledException) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(ComputeDelay(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                if (attempt >= MaxAttempts || !IsRetryable(response.StatusCode, body))
                {
                    throw new GatewayRequestException(response.StatusCode, body);
                }

                await Task.Delay(ComputeDelay(attempt, response.Headers.RetryAfter?.Delta), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRetryable(HttpStatusCode status, string? body)
    {
        if (body is not null)
        {
            foreach (string code in StickyCodes)
            {
                if (body.Contains(code, StringComparison.Ordinal))
                {
                    return false; // spending cap or plan window: sticky, retrying cannot help
                }
            }
        }

        int s = (int)status;
        return s == 408 || s == 429 || s >= 500;
    }

    private static TimeSpan ComputeDelay(int attempt, TimeSpan? retryAfter)
    {
        double ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        double delayMs = Random.Shared.NextDouble() * ceilingMs;
        if (retryAfter is { } hint && hint.TotalMilliseconds > delayMs)
        {
            delayMs = Math.Min(hint.TotalMilliseconds, MaxDelay.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(delayMs);
    }
}
