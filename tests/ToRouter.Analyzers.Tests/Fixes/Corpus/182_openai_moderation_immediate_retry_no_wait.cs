// lang: latest
// expect: flagged
// shape: bounded for loop around ModerationClient.ClassifyTextAsync whose catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status == 0) && i < _attempts) only writes to Console and immediately re-sends with no wait at all; every 429 is retried (sticky quota codes included) and the final failure propagates through the filter
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Moderations;

namespace Corpus.N182
{
    public sealed class CommentModerator
    {
        private readonly ModerationClient _moderation;
        private readonly int _attempts;

        public CommentModerator(ModerationClient moderation, int attempts = 3)
        {
            _moderation = moderation;
            _attempts = attempts;
        }

        public async Task<bool> IsAllowedAsync(string comment, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(comment))
                return true;

            for (int i = 1; i <= _attempts; i++)
            {
                try
                {
                    ModerationResult result = await _moderation.ClassifyTextAsync(comment, ct);
                    return !result.Flagged;
                }
                catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status == 0) && i < _attempts)
                {
                    Console.WriteLine($"[moderation] attempt {i} failed with status {ex.Status}, retrying");
                }
            }

            throw new InvalidOperationException("Moderation service did not respond.");
        }
    }
}
