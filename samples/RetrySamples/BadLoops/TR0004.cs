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
        /// TR0004 (no attempt bound). The filter is narrow, sticky quotas stop the loop and the
        /// backoff is jittered and capped, but nothing ever gives up: during a long outage this
        /// keeps calling every 30 seconds for as long as the process lives, and the caller waits with it.
        /// </summary>
        public async Task<string> TranslateUntilItWorksAsync(string text, CancellationToken cancellationToken)
        {
            int attempt = 0;
            while (true)
            {
                try
                {
                    ClientResult<ChatCompletion> result = await _gateway.Chat.CompleteChatAsync(
                        [new SystemChatMessage("Translate the user's text to French."), new UserChatMessage(text)],
                        cancellationToken: cancellationToken);
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
                    attempt++;
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs), cancellationToken);
                }
            }
        }
    }
}
