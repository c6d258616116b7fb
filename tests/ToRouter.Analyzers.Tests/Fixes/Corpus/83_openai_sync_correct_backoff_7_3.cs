// lang: 7.3
// expect: quiet
// shape: C# 7.3 synchronous bounded loop around ChatClient.CompleteChat (SDK retries off) whose catch filters a classifier that reads the raw error body and message for sticky quota codes, treats 400-404 as terminal, honours Retry-After up to a cap, waits full-jitter capped exponential backoff on a CancellationToken wait handle, and lets the last failure propagate.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N83
{
    public sealed class ReportNarrator
    {
        private const int MaxAttempts = 6;
        private const double BaseDelayMs = 1000;
        private const double MaxDelayMs = 30000;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        [ThreadStatic]
        private static Random _rng;
        private static int _seed = Environment.TickCount;

        private readonly ChatClient _chat;

        public ReportNarrator(string apiKey, Uri endpoint)
        {
            var options = new OpenAIClientOptions
            {
                Endpoint = endpoint,
                RetryPolicy = new ClientRetryPolicy(0),
            };
            _chat = new ChatClient("gpt-4.1-mini", new ApiKeyCredential(apiKey), options);
        }

        private static Random Rng
        {
            get { return _rng ?? (_rng = new Random(Interlocked.Increment(ref _seed))); }
        }

        public string Narrate(string kpiTable, CancellationToken ct)
        {
            ChatMessage[] messages =
            {
                new SystemChatMessage("Turn the KPI table into a short narrative for executives."),
                new UserChatMessage(kpiTable)
            };

            for (int attempt = 1; ; attempt++)
            {
                TimeSpan delay = TimeSpan.Zero;
                try
                {
                    ChatCompletion completion = _chat.CompleteChat(messages, null, ct);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (attempt < MaxAttempts && ShouldRetry(ex, attempt, out delay))
                {
                    if (ct.WaitHandle.WaitOne(delay))
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                }
            }
        }

        private static bool ShouldRetry(ClientResultException ex, int attempt, out TimeSpan delay)
        {
            delay = TimeSpan.Zero;
            PipelineResponse raw = ex.GetRawResponse();
            string body = null;
            TimeSpan? retryAfter = null;

            if (raw != null)
            {
                try
                {
                    body = raw.Content.ToString();
                }
                catch (InvalidOperationException)
                {
                    body = null;
                }

                string header;
                double seconds;
                if (raw.Headers.TryGetValue("Retry-After", out header)
                    && double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                    && seconds >= 0)
                {
                    retryAfter = TimeSpan.FromSeconds(seconds);
                }
            }

            foreach (string code in StickyCodes)
            {
                if ((body != null && body.IndexOf(code, StringComparison.Ordinal) >= 0)
                    || (ex.Message != null && ex.Message.IndexOf(code, StringComparison.Ordinal) >= 0))
                {
                    return false;
                }
            }

            bool transient = ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
            if (!transient)
            {
                return false;
            }

            double ceiling = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
            double ms = Rng.NextDouble() * ceiling;
            if (retryAfter.HasValue)
            {
                if (retryAfter.Value.TotalMilliseconds > MaxDelayMs)
                {
                    return false;
                }

                ms = Math.Max(ms, retryAfter.Value.TotalMilliseconds);
            }

            delay = TimeSpan.FromMilliseconds(ms);
            return true;
        }
    }
}
