// lang: latest
// expect: flagged
// shape: a System.Threading.Timer callback runs a synchronous ChatClient.CompleteChat inside while (!sent), catching ClientResultException for 429 or 5xx with a random Thread.Sleep, so it has no attempt bound and keeps hammering a sticky quota 429 forever.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N261
{
    public sealed class DailyDigestJob : IDisposable
    {
        private readonly ChatClient _chat;
        private readonly ILogger<DailyDigestJob> _logger;
        private readonly Func<string> _collectActivity;
        private readonly Action<string> _publish;
        private readonly Random _jitter = new Random();
        private readonly Timer _timer;
        private int _running;

        public DailyDigestJob(ChatClient chat, ILogger<DailyDigestJob> logger, Func<string> collectActivity, Action<string> publish)
        {
            _chat = chat;
            _logger = logger;
            _collectActivity = collectActivity;
            _publish = publish;
            _timer = new Timer(OnTick, null, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        }

        private void OnTick(object? state)
        {
            if (Interlocked.Exchange(ref _running, 1) == 1)
                return;   // previous digest still running

            try { SendDigest(); }
            catch (Exception ex) { _logger.LogError(ex, "Daily digest failed"); }
            finally { Volatile.Write(ref _running, 0); }
        }

        private void SendDigest()
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("You write a short, friendly daily digest for the engineering team."),
                new UserChatMessage(_collectActivity()),
            };

            ChatCompletion? completion = null;
            bool sent = false;
            int attempts = 0;

            while (!sent)
            {
                attempts++;
                try
                {
                    completion = _chat.CompleteChat(messages);
                    sent = true;
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    int pauseMs = _jitter.Next(1000, 5000);
                    _logger.LogWarning("Digest attempt {Attempt} got HTTP {Status}; sleeping {Pause} ms", attempts, ex.Status, pauseMs);
                    Thread.Sleep(pauseMs);
                }
            }

            _logger.LogInformation("Digest generated after {Attempts} attempt(s)", attempts);
            _publish(completion!.Content[0].Text);
        }

        public void Dispose() => _timer.Dispose();
    }
}
