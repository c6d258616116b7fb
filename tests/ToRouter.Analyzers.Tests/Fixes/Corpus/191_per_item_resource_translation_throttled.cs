// lang: latest
// expect: quiet
// shape: per-item loop, not a retry: foreach over resource-file entries translates each entry once with ChatClient.CompleteChatAsync and then awaits a fixed 250 ms throttle before the next entry; catch (ClientResultException) logs the entry as failed, keeps the source text and moves on to the next key (the same entry is never re-sent)
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N191
{
    public sealed class ResxTranslator
    {
        private static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(250);

        private readonly ChatClient _chat;
        private readonly ILogger<ResxTranslator> _logger;

        public ResxTranslator(ChatClient chat, ILogger<ResxTranslator> logger)
        {
            _chat = chat;
            _logger = logger;
        }

        public async Task<TranslationReport> TranslateAsync(
            IReadOnlyDictionary<string, string> entries,
            string culture,
            CancellationToken cancellationToken)
        {
            var translated = new Dictionary<string, string>(StringComparer.Ordinal);
            var failed = new List<string>();

            foreach (var (key, source) in entries)
            {
                try
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage($"Translate UI strings into {culture}. Keep placeholders like {{0}} unchanged. Reply with the translation only."),
                        new UserChatMessage(source)
                    };

                    ChatCompletion completion = await _chat.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                    translated[key] = completion.Content[0].Text.Trim();
                }
                catch (ClientResultException ex)
                {
                    _logger.LogWarning("Could not translate {Key} to {Culture}: {Status} {Message}", key, culture, ex.Status, ex.Message);
                    translated[key] = source;
                    failed.Add(key);
                }

                // stay well under the per-minute request limit of the shared key
                await Task.Delay(Throttle, cancellationToken);
            }

            _logger.LogInformation("Translated {Ok}/{Total} entries to {Culture}", entries.Count - failed.Count, entries.Count, culture);
            return new TranslationReport(translated, failed);
        }
    }

    public sealed record TranslationReport(IReadOnlyDictionary<string, string> Entries, IReadOnlyList<string> FailedKeys);
}
