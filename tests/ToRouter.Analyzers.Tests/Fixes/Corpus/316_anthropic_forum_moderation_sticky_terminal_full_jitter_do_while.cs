// lang: latest
// expect: quiet
// shape: Anthropic forum-moderation classifier retries only plain 429, 408, 5xx and network failures up to four attempts with capped full-jitter backoff, rethrows at once on API_KEY_QUOTA_EXHAUSTED/USAGE_LIMIT_EXCEEDED and other 4xx, and lets the final failure propagate through the `attempt < MaxAttempts` filter.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N316
{
    public enum ModerationLabel { Allow, Review, Block }

    /// <summary>
    /// Classifies forum posts with Claude. Fails closed: when the model cannot be reached the
    /// exception reaches the caller, which parks the post in the human review queue.
    /// </summary>
    public sealed class ClaudeModerationClassifier
    {
        private const int MaxAttempts = 4;
        private const double BaseDelayMs = 1_000;
        private const double MaxDelayMs = 20_000;

        private const string Instructions =
            "You moderate a developer forum. Reply with exactly one word: ALLOW, REVIEW or BLOCK. " +
            "BLOCK spam, slurs and doxxing; REVIEW heated but on-topic posts.";

        private readonly AnthropicClient _client;
        private readonly ILogger<ClaudeModerationClassifier> _logger;

        public ClaudeModerationClassifier(AnthropicClient client, ILogger<ClaudeModerationClassifier> logger)
        {
            _client = client;
            _logger = logger;
        }

        public async Task<ModerationLabel> ClassifyAsync(string postBody, CancellationToken cancellationToken)
        {
            var request = new MessageCreateParams
            {
                Model = Model.ClaudeHaiku5_5,
                MaxTokens = 5,
                System = Instructions,
                Messages = [new UserMessageParam(postBody)],
            };

            var attempt = 0;
            do
            {
                attempt++;
                try
                {
                    var reply = await _client.Messages.Create(request, cancellationToken);
                    return Parse(reply);
                }
                catch (AnthropicApiException ex) when (attempt < MaxAttempts)
                {
                    var status = (int)ex.StatusCode;
                    var type = ex.Type?.Raw();
                    if (type is "API_KEY_QUOTA_EXHAUSTED" or "USAGE_LIMIT_EXCEEDED" ||
                        (ex.ResponseBody ?? "").Contains("API_KEY_QUOTA_EXHAUSTED") ||
                        (ex.ResponseBody ?? "").Contains("USAGE_LIMIT_EXCEEDED"))
                        throw; // quota is gone until the cap is raised or the window rolls over

                    if (status != 408 && status != 429 && status < 500)
                        throw; // our request or our key is wrong; sending it again will not help

                    await BackoffAsync(attempt, ex, cancellationToken);
                }
                catch (AnthropicIOException ex) when (attempt < MaxAttempts)
                {
                    await BackoffAsync(attempt, ex, cancellationToken);
                }
            } while (true);
        }

        private Task BackoffAsync(int attempt, Exception cause, CancellationToken ct)
        {
            var ceiling = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt - 1));
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
            _logger.LogInformation("Moderation call failed ({Error}); attempt {Attempt}/{Max}, waiting {Delay}",
                cause.GetType().Name, attempt, MaxAttempts, delay);
            return Task.Delay(delay, ct);
        }

        private static ModerationLabel Parse(Message reply)
        {
            foreach (var block in reply.Content)
            {
                if (!block.TryPickText(out var text)) continue;
                var word = text.Text.Trim().ToUpperInvariant();
                if (word.StartsWith("BLOCK")) return ModerationLabel.Block;
                if (word.StartsWith("ALLOW")) return ModerationLabel.Allow;
            }
            return ModerationLabel.Review;
        }
    }
}
