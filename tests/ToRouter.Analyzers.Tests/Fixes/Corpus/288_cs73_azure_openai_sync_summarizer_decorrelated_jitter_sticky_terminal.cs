// lang: 7.3
// expect: quiet
// shape: C# 7.3 synchronous Azure.AI.OpenAI summarizer whose retry loop rethrows through an exception filter unless the ClientResultException is transient (no response, 408, 429, 5xx) and carries no sticky quota code, waits a capped decorrelated-jitter delay never shorter than Retry-After, and stops after 5 attempts.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N288
{
    public sealed class MeetingNotesSummarizer
    {
        private const int MaxAttempts = 5;
        private const double BaseMs = 1000, CapMs = 30000;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        [ThreadStatic] private static Random _rng;
        private static int _seed = Environment.TickCount;
        private static Random Rng { get { return _rng ?? (_rng = new Random(Interlocked.Increment(ref _seed))); } }

        private readonly ChatClient _chat;

        public MeetingNotesSummarizer(Uri endpoint, string key, string deployment)
        {
            _chat = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetChatClient(deployment);
        }

        public string Summarize(string transcript, CancellationToken cancellationToken)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Summarize the meeting in 5 bullet points, then list action items with owners."),
                new UserChatMessage(transcript)
            };

            double previousMs = BaseMs;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    ChatCompletion completion = _chat.CompleteChat(messages, new ChatCompletionOptions(), cancellationToken);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (attempt < MaxAttempts && IsRetryable(ex))
                {
                    // decorrelated jitter: random between base and 3x the previous sleep, capped
                    double sleepMs = Math.Min(CapMs, BaseMs + Rng.NextDouble() * (previousMs * 3 - BaseMs));
                    double hintMs = RetryAfterMs(ex);
                    if (hintMs > CapMs) throw;
                    sleepMs = Math.Max(sleepMs, hintMs);
                    previousMs = sleepMs;

                    Console.WriteLine("Summarizer: status {0}, attempt {1}/{2}, sleeping {3:F0} ms", ex.Status, attempt, MaxAttempts, sleepMs);
                    if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(sleepMs)))
                        cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        private static bool IsRetryable(ClientResultException ex)
        {
            if (ex.Status == 0) return true;
            string body = null;
            PipelineResponse raw = ex.GetRawResponse();
            if (raw != null)
            {
                try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
            }
            foreach (string code in StickyCodes)
            {
                if ((body != null && body.IndexOf(code, StringComparison.Ordinal) >= 0)
                    || ex.Message.IndexOf(code, StringComparison.Ordinal) >= 0)
                    return false;
            }
            return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
        }

        private static double RetryAfterMs(ClientResultException ex)
        {
            PipelineResponse raw = ex.GetRawResponse();
            string value;
            double seconds;
            if (raw != null && raw.Headers.TryGetValue("Retry-After", out value)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0)
                return seconds * 1000;
            return 0;
        }
    }
}
