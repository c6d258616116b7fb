// lang: latest
// expect: quiet
// shape: correct streaming retry: for (attempt = 1; ; attempt++) around ChatClient.CompleteChatStreamingAsync consumed with await foreach that forwards each text part to an onToken callback; the catch filters require that no token has been delivered yet (receivedAny is false), attempt < MaxAttempts and a classifier that reads the raw error body (API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota and 400-404 terminal, Status 0/408/429/5xx retryable) or an IOException; capped full-jitter backoff with the caller's token; a failure after the first token, or the last one, propagates
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N209
{
    public sealed class StreamingAnswerer
    {
        private const int MaxAttempts = 4;
        private static readonly string[] Sticky = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        private readonly ChatClient _chat;

        public StreamingAnswerer(ChatClient chat) => _chat = chat;

        public async Task<string> StreamAnswerAsync(IReadOnlyList<ChatMessage> messages, Action<string> onToken, CancellationToken ct)
        {
            var answer = new StringBuilder();
            var receivedAny = false;

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await foreach (var update in _chat.CompleteChatStreamingAsync(messages, cancellationToken: ct))
                    {
                        foreach (var part in update.ContentUpdate)
                        {
                            if (string.IsNullOrEmpty(part.Text)) continue;
                            receivedAny = true;
                            answer.Append(part.Text);
                            onToken(part.Text);
                        }
                    }
                    return answer.ToString();
                }
                catch (ClientResultException ex) when (!receivedAny && attempt < MaxAttempts && IsRetryable(ex))
                {
                    await Task.Delay(NextDelay(attempt), ct);
                }
                catch (IOException) when (!receivedAny && attempt < MaxAttempts)
                {
                    await Task.Delay(NextDelay(attempt), ct);
                }
            }
        }

        private static bool IsRetryable(ClientResultException ex)
        {
            if (ex.Status == 0) return true;

            string body = null;
            try { body = ex.GetRawResponse()?.Content?.ToString(); }
            catch (InvalidOperationException) { }

            foreach (var code in Sticky)
            {
                if ((body != null && body.Contains(code, StringComparison.Ordinal)) || ex.Message.Contains(code, StringComparison.Ordinal))
                    return false;
            }

            return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
        }

        private static TimeSpan NextDelay(int attempt)
        {
            var capMs = Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1));
            return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * capMs);
        }
    }
}
