using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace RetrySamples
{
    public sealed partial class BadLoops
    {
        /// <summary>
        /// TR0005 (no exponential backoff). The loop retries only transient statuses, stops on sticky
        /// quotas and gives up after six attempts, but it always waits the same two seconds: when
        /// the gateway is rate-limiting, every client keeps knocking at the same rate.
        /// </summary>
        public async Task<string> ClassifyTicketWithFixedPauseAsync(string ticket, CancellationToken cancellationToken)
        {
            MessageCreateParams request = _gateway.MessageRequest("Classify this support ticket as bug, billing or other:\n" + ticket);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    Message reply = await _gateway.Anthropic.Messages.Create(request, cancellationToken);
                    return Gateway.TextOf(reply);
                }
                catch (AnthropicApiException ex) when (attempt + 1 < Gateway.MaxAttempts
                    && (ex.StatusCode == HttpStatusCode.TooManyRequests || ex.StatusCode == HttpStatusCode.RequestTimeout || (int)ex.StatusCode >= 500))
                {
                    string? code = ex.Type?.Raw();
                    if (code == "API_KEY_QUOTA_EXHAUSTED" || code == "USAGE_LIMIT_EXCEEDED" || code == "insufficient_quota")
                    {
                        throw;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                }
            }
        }
    }
}
