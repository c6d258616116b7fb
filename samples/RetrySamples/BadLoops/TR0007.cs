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
        /// TR0007 (Thread.Sleep in an async retry loop). The retry policy itself is sound, but the
        /// wait blocks a thread-pool thread for up to 30 seconds per retry and ignores the
        /// cancellation token; under load this starves the pool that every other request needs.
        /// </summary>
        public async Task<string> DraftReplyBlockingTheThreadAsync(string customerEmail, CancellationToken cancellationToken)
        {
            MessageCreateParams request = _gateway.MessageRequest("Draft a polite reply to this email:\n" + customerEmail);
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

                    double ceilingMs = Math.Min(Gateway.MaxDelayMs, Gateway.BaseDelayMs * Math.Pow(2, attempt));
                    Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs));
                }
            }
        }
    }
}
