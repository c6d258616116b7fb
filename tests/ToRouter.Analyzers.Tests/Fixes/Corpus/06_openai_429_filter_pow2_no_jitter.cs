// lang: latest
// expect: flagged
// shape: bounded for loop whose catch (ClientResultException ex) when (ex.Status == 429 && attempt < max - 1) waits 500ms * 2^attempt with no jitter and never reads the error body for a sticky quota code.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N06
{
    public sealed class ReleaseNotesWriter
    {
        private readonly ChatClient _client;
        private readonly int _maxAttempts;

        public ReleaseNotesWriter(ChatClient client, int maxAttempts = 5)
        {
            _client = client;
            _maxAttempts = maxAttempts;
        }

        public async Task<string> WriteAsync(IReadOnlyList<string> commitMessages, CancellationToken ct)
        {
            var prompt = "Write user-facing release notes for these commits:\n- " + string.Join("\n- ", commitMessages);
            var options = new ChatCompletionOptions { Temperature = 0.4f, MaxOutputTokenCount = 800 };

            for (var attempt = 0; attempt < _maxAttempts; attempt++)
            {
                try
                {
                    var result = await _client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, options, ct);
                    return result.Value.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status == 429 && attempt < _maxAttempts - 1)
                {
                    // Rate limited: exponential backoff (0.5s, 1s, 2s, 4s ...)
                    var delay = TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt));
                    Console.WriteLine($"Rate limited by OpenAI, retry {attempt + 1} in {delay.TotalMilliseconds}ms");
                    await Task.Delay(delay, ct);
                }
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
