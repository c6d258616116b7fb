using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RetrySamples
{
    public sealed partial class BadLoops
    {
        /// <summary>
        /// TR0003 (retries non-retryable client errors). Someone already taught this loop to stop on
        /// sticky quota codes, but it still retries every other non-2xx answer: a 401 (bad key),
        /// 402 (no balance), 403 (expired key) or 404 (model not in the catalog) fails identically
        /// six times before the caller hears about it. Bound, backoff, jitter and the final throw are fine.
        /// </summary>
        public async Task<string> PostChatCompletionRetryingClientErrorsAsync(string prompt, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                using HttpResponseMessage response = await _gateway.Http.PostAsync(
                    "chat/completions", _gateway.ChatCompletionBody(prompt), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }

                string error = await response.Content.ReadAsStringAsync(cancellationToken);
                if (error.Contains("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal)
                    || error.Contains("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal)
                    || error.Contains("insufficient_quota", StringComparison.Ordinal))
                {
                    throw Gateway.GatewayError(response, error);
                }

                if (attempt + 1 >= Gateway.MaxAttempts)
                {
                    throw Gateway.GatewayError(response, error);
                }

                double ceilingMs = Math.Min(Gateway.MaxDelayMs, Gateway.BaseDelayMs * Math.Pow(2, attempt));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs), cancellationToken);
            }
        }
    }
}
