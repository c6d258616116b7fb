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
        /// TR0001 (retries every exception). The filter bounds the attempts but does not narrow the
        /// kind of failure, so a 401 for a revoked key, a spent quota, a NullReferenceException in
        /// our own code and the caller's cancellation are all retried like a dropped connection.
        /// Bound, backoff, jitter and the final rethrow (through the filter) are all fine.
        /// </summary>
        public async Task<string> SummarizeCatchingEverythingAsync(string document, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    ClientResult<ChatCompletion> result = await _gateway.Chat.CompleteChatAsync(
                        [new SystemChatMessage("Summarize the user's text in one sentence."), new UserChatMessage(document)],
                        cancellationToken: cancellationToken);
                    return result.Value.Content[0].Text;
                }
                catch (Exception ex) when (attempt + 1 < Gateway.MaxAttempts)
                {
                    Console.Error.WriteLine($"Summary attempt {attempt + 1} failed ({ex.GetType().Name}), retrying.");
                    double ceilingMs = Math.Min(Gateway.MaxDelayMs, Gateway.BaseDelayMs * Math.Pow(2, attempt));
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs), cancellationToken);
                }
            }
        }
    }
}
