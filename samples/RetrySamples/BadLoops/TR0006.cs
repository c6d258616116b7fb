using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RetrySamples
{
    public sealed partial class BadLoops
    {
        /// <summary>
        /// TR0006 (exponential backoff without jitter). Almost right: bounded, transient statuses
        /// only, sticky quotas terminal, capped exponential delay. But the delay is a pure function
        /// of the attempt number, so the hundred workers that hit the same rate limit together all
        /// come back together at 1 s, 2 s, 4 s … and hit it again.
        /// </summary>
        public async Task<string> PostChatCompletionWithoutJitterAsync(string prompt, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                using HttpResponseMessage response = await _gateway.Http.PostAsync(
                    "chat/completions", _gateway.ChatCompletionBody(prompt), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }

                int status = (int)response.StatusCode;
                string error = await response.Content.ReadAsStringAsync(cancellationToken);
                if (status != 408 && status != 429 && status < 500)
                {
                    throw Gateway.GatewayError(response, error); // 400-404 are terminal
                }

                if (error.Contains("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal)
                    || error.Contains("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal)
                    || error.Contains("insufficient_quota", StringComparison.Ordinal))
                {
                    throw Gateway.GatewayError(response, error); // sticky quota
                }

                if (attempt + 1 >= Gateway.MaxAttempts)
                {
                    throw Gateway.GatewayError(response, error);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(Gateway.MaxDelayMs, Gateway.BaseDelayMs * Math.Pow(2, attempt))), cancellationToken);
            }
        }
    }
}
