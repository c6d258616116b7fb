// lang: latest
// expect: flagged
// shape: Synchronous System.Threading.Timer callback retries ChatClient.CompleteChat on any ClientResultException (401/403/404 and sticky 429 included) with a constant Thread.Sleep(2000), and the void method just logs and ends with the daily digest unsent when the attempts run out.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N229
{
    public interface IIncidentFeed
    {
        IReadOnlyList<string> GetIncidentsSince(DateTime utc);
    }

    public interface IDigestPublisher
    {
        void Publish(string markdown);
    }

    public sealed class DailyDigestScheduler : IDisposable
    {
        private readonly ChatClient _chat;
        private readonly IIncidentFeed _feed;
        private readonly IDigestPublisher _publisher;
        private readonly ILogger<DailyDigestScheduler> _logger;
        private readonly Timer _timer;
        private DateTime _lastRunUtc = DateTime.UtcNow.AddDays(-1);

        public DailyDigestScheduler(ChatClient chat, IIncidentFeed feed, IDigestPublisher publisher, ILogger<DailyDigestScheduler> logger)
        {
            _chat = chat;
            _feed = feed;
            _publisher = publisher;
            _logger = logger;
            _timer = new Timer(_ => BuildDigest(), null, TimeSpan.Zero, TimeSpan.FromHours(24));
        }

        private void BuildDigest()
        {
            var incidents = _feed.GetIncidentsSince(_lastRunUtc);
            if (incidents.Count == 0)
            {
                _logger.LogInformation("No incidents since {Since}; skipping digest", _lastRunUtc);
                return;
            }

            var prompt = "Write a short markdown digest of these incidents for the on-call channel:\n"
                         + string.Join("\n", incidents.Select(i => "- " + i));

            int retries = 0;
            while (retries < 3)
            {
                try
                {
                    ChatCompletion completion = _chat.CompleteChat(new UserChatMessage(prompt));
                    _publisher.Publish(completion.Content[0].Text);
                    _lastRunUtc = DateTime.UtcNow;
                    return;
                }
                catch (ClientResultException ex)
                {
                    retries++;
                    _logger.LogWarning(ex, "Digest generation failed ({Retries}/3): HTTP {Status}", retries, ex.Status);
                    Thread.Sleep(2000);
                }
            }

            _logger.LogError("Daily digest was not generated for {Count} incidents", incidents.Count);
        }

        public void Dispose() => _timer.Dispose();
    }
}
