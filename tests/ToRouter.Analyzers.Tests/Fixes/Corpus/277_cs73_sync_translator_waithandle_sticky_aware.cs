// lang: 7.3
// expect: quiet
// shape: Synchronous resource-file translator retries CompleteChat only for transient ClientResultExceptions (status 0/408/429/5xx, sticky quota codes in the raw body terminal), bounded by IOptions, with capped full-jitter exponential backoff honouring Retry-After and a cancellable WaitHandle wait.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;

namespace Corpus.N277
{
    public sealed class TranslatorSettings
    {
        public int MaxAttempts { get; set; } = 4;
        public int BaseDelayMs { get; set; } = 1000;
        public int MaxDelayMs { get; set; } = 30000;
    }

    public class ResourceTranslator
    {
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };
        [ThreadStatic] private static Random t_random;
        private static int s_seed = Environment.TickCount;

        private readonly ChatClient _chat;
        private readonly TranslatorSettings _settings;
        private readonly ILogger<ResourceTranslator> _logger;

        public ResourceTranslator(ChatClient chat, IOptions<TranslatorSettings> options, ILogger<ResourceTranslator> logger)
        {
            _chat = chat;
            _settings = options.Value;
            _logger = logger;
        }

        private static Random Rng
        {
            get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
        }

        public string Translate(string key, string english, string culture, CancellationToken ct)
        {
            var messages = new ChatMessage[]
            {
                new SystemChatMessage("Translate UI strings into " + culture + ". Keep {0}-style placeholders unchanged."),
                new UserChatMessage(english),
            };

            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    ChatCompletion completion = _chat.CompleteChat(messages, null, ct);
                    return completion.Content[0].Text.Trim();
                }
                catch (ClientResultException ex) when (!ct.IsCancellationRequested && attempt + 1 < _settings.MaxAttempts)
                {
                    TimeSpan? retryAfter;
                    if (!IsTransient(ex, out retryAfter))
                        throw;

                    double ms = Rng.NextDouble() * Math.Min(_settings.MaxDelayMs, _settings.BaseDelayMs * Math.Pow(2, attempt));
                    if (retryAfter.HasValue)
                    {
                        if (retryAfter.Value.TotalMilliseconds > _settings.MaxDelayMs)
                            throw;
                        ms = Math.Max(ms, retryAfter.Value.TotalMilliseconds);
                    }

                    _logger.LogWarning("Translating {Key} to {Culture} failed with {Status}; retrying in {Delay} ms", key, culture, ex.Status, (int)ms);
                    if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(ms)))
                        ct.ThrowIfCancellationRequested();
                }
            }
        }

        private static bool IsTransient(ClientResultException ex, out TimeSpan? retryAfter)
        {
            retryAfter = null;
            if (ex.Status == 0)
                return true;

            PipelineResponse raw = ex.GetRawResponse();
            string body = null;
            if (raw != null)
            {
                try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
                string header;
                double seconds;
                if (raw.Headers.TryGetValue("Retry-After", out header)
                    && double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
                    retryAfter = TimeSpan.FromSeconds(seconds);
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
