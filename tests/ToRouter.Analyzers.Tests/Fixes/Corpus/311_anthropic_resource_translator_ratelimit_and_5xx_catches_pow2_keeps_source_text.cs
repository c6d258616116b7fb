// lang: latest
// expect: flagged
// shape: Anthropic localisation service translates UI strings one at a time; each string retries AnthropicRateLimitException and Anthropic5xxException in separate catch clauses with an unjittered 2^n second Task.Delay and, after four failures, silently keeps the English source text, so sticky quota 429s are retried and the last failure is hidden.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N311
{
    public class ResourceTranslator
    {
        private readonly AnthropicClient _client;
        private readonly ILogger _log;

        public ResourceTranslator(AnthropicClient client, ILogger<ResourceTranslator> log)
        {
            _client = client;
            _log = log;
        }

        public async Task<Dictionary<string, string>> TranslateAsync(
            IReadOnlyDictionary<string, string> source, string targetCulture, CancellationToken ct = default)
        {
            var output = new Dictionary<string, string>(source.Count);
            var fallbacks = 0;
            var sw = Stopwatch.StartNew();

            foreach (var (key, english) in source)
            {
                string? translated = null;

                for (var attempt = 0; attempt < 4 && translated is null; attempt++)
                {
                    try
                    {
                        var msg = await _client.Messages.Create(new MessageCreateParams
                        {
                            Model = Model.ClaudeSonnet5_5,
                            MaxTokens = 512,
                            System = $"Translate the UI string into {targetCulture}. Keep placeholders such as {{0}} and %s unchanged. Reply with the translation only.",
                            Messages = [new UserMessageParam(english)],
                        }, ct);
                        translated = TextOf(msg);
                    }
                    catch (AnthropicRateLimitException)
                    {
                        _log.LogInformation("Rate limited while translating {Key}, backing off", key);
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                    }
                    catch (Anthropic5xxException ex)
                    {
                        _log.LogWarning(ex, "Claude returned {Status} for {Key}", ex.StatusCode, key);
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                    }
                }

                if (translated is null)
                {
                    // better an English label than a missing resource key in the UI
                    fallbacks++;
                    translated = english;
                }

                output[key] = translated;
            }

            _log.LogInformation("Translated {Count} strings to {Culture} in {Elapsed} ({Fallbacks} left in English)",
                output.Count, targetCulture, sw.Elapsed, fallbacks);
            return output;
        }

        private static string TextOf(Message message)
        {
            var sb = new StringBuilder();
            foreach (var block in message.Content)
            {
                if (block.TryPickText(out var text))
                    sb.Append(text.Text);
            }
            return sb.ToString().Trim();
        }
    }
}
