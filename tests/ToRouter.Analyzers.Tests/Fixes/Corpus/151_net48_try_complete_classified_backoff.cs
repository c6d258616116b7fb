// lang: 7.3 net48
// expect: quiet
// shape: .NET Framework C# 7.3 Try-pattern TryComplete(prompt, out answer, ct) with the SDK's own retries off: a bounded for loop around the synchronous ChatClient.CompleteChat retries only ClientResultException that a classifier deems transient (reads the raw body; sticky quota codes and 400-404 terminal), waits a capped full-jitter exponential delay floored by Retry-After via ct.WaitHandle.WaitOne using a [ThreadStatic] Random, and returns false on a terminal or final failure
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N151
{
    public class LegacyAssistant
    {
        private const int MaxAttempts = 4;
        private const double BaseDelayMs = 1000, MaxDelayMs = 30000;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        [ThreadStatic] private static Random _rng;
        private static int _seed = Environment.TickCount;
        private static Random Rng { get { return _rng ?? (_rng = new Random(Interlocked.Increment(ref _seed))); } }

        private readonly ChatClient _chat;

        public LegacyAssistant(string apiKey, Uri endpoint)
        {
            var options = new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(0) };
            _chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(apiKey), options);
        }

        public string LastError { get; private set; }

        public bool TryComplete(string prompt, out string answer, CancellationToken ct)
        {
            answer = null;
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                try
                {
                    ChatCompletion completion = _chat.CompleteChat(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                    answer = completion.Content[0].Text;
                    return true;
                }
                catch (ClientResultException ex)
                {
                    LastError = ex.Message;
                    double retryAfterMs;
                    if (!IsTransient(ex, out retryAfterMs) || attempt + 1 >= MaxAttempts || retryAfterMs > MaxDelayMs)
                    {
                        return false;
                    }

                    double ceiling = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt));
                    double wait = Math.Max(Rng.NextDouble() * ceiling, retryAfterMs);
                    if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(wait)))
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                }
            }
            return false;
        }

        private static bool IsTransient(ClientResultException ex, out double retryAfterMs)
        {
            retryAfterMs = 0;
            if (ex.Status == 0) return true;

            string body = null;
            PipelineResponse raw = ex.GetRawResponse();
            if (raw != null)
            {
                try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
                string header;
                double seconds;
                if (raw.Headers.TryGetValue("Retry-After", out header)
                    && double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0)
                {
                    retryAfterMs = seconds * 1000;
                }
            }

            foreach (string code in StickyCodes)
            {
                if ((body != null && body.IndexOf(code, StringComparison.Ordinal) >= 0) || ex.Message.IndexOf(code, StringComparison.Ordinal) >= 0)
                    return false;
            }
            return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
        }
    }
}
