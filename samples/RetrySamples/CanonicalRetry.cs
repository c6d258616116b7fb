using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace RetrySamples
{
    /// <summary>
    /// The shape every TR code fix converges on. The analyzer must report nothing in this file.
    /// </summary>
    public sealed class CanonicalRetry
    {
        private readonly Gateway _gateway;

        public CanonicalRetry(Gateway gateway) => _gateway = gateway;

        /// <summary>
        /// Correct retry loop (no TR diagnostics expected):
        /// at most <see cref="Gateway.MaxAttempts"/> attempts, and the last failure propagates unchanged
        /// through the exception filter; only network failures, 408, 429 and 5xx are retried; a sticky
        /// quota (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, insufficient_quota) read from the raw
        /// response body stops at once, as do 400-404 and the caller's cancellation; the wait is a
        /// full-jitter exponential delay, capped, never shorter than the server's Retry-After, and it is
        /// awaited with the caller's token.
        /// </summary>
        public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    ClientResult<ChatCompletion> result = await _gateway.Chat.CompleteChatAsync(
                        [new UserChatMessage(prompt)], cancellationToken: cancellationToken);
                    return result.Value.Content[0].Text;
                }
                catch (ClientResultException ex) when (attempt + 1 < Gateway.MaxAttempts && !cancellationToken.IsCancellationRequested)
                {
                    // Status 0 means no response came back (connection reset, DNS): transient.
                    bool transient = ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
                    if (!transient)
                    {
                        throw; // 400-404: the same request fails the same way every time
                    }

                    PipelineResponse? raw = ex.GetRawResponse();
                    string body = raw?.Content.ToString() ?? string.Empty;
                    if (body.Contains("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal)
                        || body.Contains("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal)
                        || body.Contains("insufficient_quota", StringComparison.Ordinal))
                    {
                        throw; // a spent quota does not clear by waiting
                    }

                    // Full jitter: uniform in [0, min(cap, base * 2^attempt)).
                    double ceilingMs = Math.Min(Gateway.MaxDelayMs, Gateway.BaseDelayMs * Math.Pow(2, attempt));
                    TimeSpan delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs);

                    // Never retry sooner than the gateway asked to.
                    if (raw != null && raw.Headers.TryGetValue("Retry-After", out string? retryAfter))
                    {
                        TimeSpan? hint = ParseRetryAfter(retryAfter);
                        if (hint > delay)
                        {
                            delay = hint.Value;
                        }
                    }

                    await Task.Delay(delay, cancellationToken);
                }
            }
        }

        /// <summary>Retry-After is either delay-seconds or an HTTP date.</summary>
        private static TimeSpan? ParseRetryAfter(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset when))
            {
                TimeSpan wait = when - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }
    }
}
