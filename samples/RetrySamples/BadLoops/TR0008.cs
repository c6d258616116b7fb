using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace RetrySamples
{
    public sealed partial class BadLoops
    {
        /// <summary>
        /// TR0008 (hides the last failure). Transient failures are retried properly, but when all six
        /// attempts fail the loop falls out and returns a friendly placeholder: the caller (and its
        /// monitoring) cannot tell a gateway outage from a real answer, and the exception is lost.
        /// </summary>
        public async Task<string> ReplyOrApologizeAsync(string userMessage, CancellationToken cancellationToken)
        {
            for (int attempt = 0; attempt < Gateway.MaxAttempts; attempt++)
            {
                try
                {
                    ClientResult<ChatCompletion> result = await _gateway.Chat.CompleteChatAsync(
                        [new UserChatMessage(userMessage)], cancellationToken: cancellationToken);
                    return result.Value.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500)
                {
                    string body = ex.GetRawResponse()?.Content.ToString() ?? string.Empty;
                    if (body.Contains("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal)
                        || body.Contains("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal)
                        || body.Contains("insufficient_quota", StringComparison.Ordinal))
                    {
                        throw;
                    }

                    double ceilingMs = Math.Min(Gateway.MaxDelayMs, Gateway.BaseDelayMs * Math.Pow(2, attempt));
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs), cancellationToken);
                }
            }

            return "Sorry, the assistant is not available right now. Please try again later.";
        }
    }
}
