// lang: 7.3
// expect: quiet
// shape: Correct C# 7.3 synchronous Retry.Run<T>(Func<T>, CancellationToken) helper for blocking OpenAI ChatClient calls: bounded attempts, ClientResultException classified by status and body (sticky quota codes and 400-404 terminal), Retry-After respected, [ThreadStatic] Random full jitter, and a cancellable WaitHandle wait instead of a blind sleep.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N246
{
    public static class Retry
    {
        private const int MaxAttempts = 5;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

        [ThreadStatic] private static Random t_rng;
        private static int s_seed = Environment.TickCount;
        private static Random Rng { get { return t_rng ?? (t_rng = new Random(Interlocked.Increment(ref s_seed))); } }

        public static T Run<T>(Func<T> call, CancellationToken ct)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return call();
                }
                catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex))
                {
                    double ceiling = Math.Min(30000, 1000 * Math.Pow(2, attempt));
                    double waitMs = Rng.NextDouble() * ceiling;
                    double hint = RetryAfterMs(ex);
                    if (hint > 30000) throw;          // the server wants us gone for longer than we are willing to wait
                    if (hint > waitMs) waitMs = hint;

                    Console.Error.WriteLine("OpenAI call failed with {0}, retry {1} in {2:F0} ms", ex.Status, attempt + 1, waitMs);
                    if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(waitMs)))
                        ct.ThrowIfCancellationRequested();
                }
            }
        }

        private static bool IsRetryable(ClientResultException ex)
        {
            if (ex.Status == 0) return true;   // no response at all
            string body = null;
            PipelineResponse raw = ex.GetRawResponse();
            if (raw != null)
            {
                try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
            }
            foreach (var code in StickyCodes)
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

    public class InvoiceLineClassifier
    {
        private readonly ChatClient _chat;

        public InvoiceLineClassifier(ChatClient chat) { _chat = chat; }

        public string Classify(string line, CancellationToken ct)
        {
            ChatCompletion completion = Retry.Run(() => _chat.CompleteChat(
                new SystemChatMessage("Return the GL account code for the invoice line. Code only."),
                new UserChatMessage(line)).Value, ct);
            return completion.Content[0].Text.Trim();
        }
    }
}
