// lang: latest
// expect: quiet
// shape: no hand-written loop: a ClientRetryPolicy subclass plugged into OpenAIClientOptions.RetryPolicy overrides ShouldRetry/ShouldRetryAsync to stop on API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota bodies and 400-404 (deferring to the base policy otherwise) and GetNextDelay to a capped full-jitter exponential delay floored by Retry-After; the service makes one plain CompleteChatAsync call
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N217
{
    public sealed class StickyQuotaAwareRetryPolicy : ClientRetryPolicy
    {
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };
        private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

        public StickyQuotaAwareRetryPolicy(int maxRetries = 4) : base(maxRetries)
        {
        }

        protected override bool ShouldRetry(PipelineMessage message, Exception exception)
        {
            if (exception is null && message.Response is { } response)
            {
                if (response.Status >= 400 && response.Status <= 404) return false;
                if (HasStickyCode(response)) return false;
            }
            return base.ShouldRetry(message, exception);
        }

        protected override ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception exception)
            => new(ShouldRetry(message, exception));

        protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount)
        {
            var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(tryCount - 1, 30)));
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);

            if (message.Response is { } response
                && response.Headers.TryGetValue("Retry-After", out var value)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                var hinted = TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
                if (hinted > delay) delay = hinted;
            }
            return delay;
        }

        private static bool HasStickyCode(PipelineResponse response)
        {
            string body;
            try { body = response.Content.ToString(); }
            catch (InvalidOperationException) { return false; }

            foreach (var code in StickyCodes)
            {
                if (body.Contains(code, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }

    public sealed class ReleaseRiskReviewer
    {
        private readonly ChatClient _chat;

        public ReleaseRiskReviewer(Uri gateway, string apiKey)
        {
            var options = new OpenAIClientOptions
            {
                Endpoint = gateway,
                RetryPolicy = new StickyQuotaAwareRetryPolicy(),
                NetworkTimeout = TimeSpan.FromSeconds(60)
            };
            _chat = new ChatClient("gpt-4.1", new ApiKeyCredential(apiKey), options);
        }

        public async Task<string> ReviewAsync(string changelog, CancellationToken ct = default)
        {
            ChatCompletion completion = await _chat.CompleteChatAsync(
                new ChatMessage[]
                {
                    new SystemChatMessage("Rate the deployment risk of this changelog as LOW, MEDIUM or HIGH and explain in one paragraph."),
                    new UserChatMessage(changelog)
                },
                cancellationToken: ct);
            return completion.Content[0].Text;
        }
    }
}
