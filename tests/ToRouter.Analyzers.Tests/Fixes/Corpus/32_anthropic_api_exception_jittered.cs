// lang: latest
// expect: flagged
// shape: bounded for loop around AnthropicClient.Messages.Create catching AnthropicApiException when the status is 429 or >= 500, with capped exponential backoff plus random jitter, but 429 is retried without looking at the error type for a sticky quota code.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N32;

public sealed class ClaudeTranslator
{
    private const int MaxAttempts = 5;
    private static readonly Random Jitter = new Random();
    private readonly AnthropicClient _client;

    public ClaudeTranslator(AnthropicClient client)
    {
        _client = client;
    }

    public async Task<string> TranslateAsync(string text, string language, CancellationToken cancellationToken)
    {
        var request = new MessageCreateParams
        {
            Model = Model.ClaudeHaiku4_5,
            MaxTokens = 4096,
            System = $"Translate the user's text into {language}. Output only the translation.",
            Messages = new List<MessageParam> { new UserMessageParam(text) },
        };

        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                Message response = await _client.Messages.Create(request, cancellationToken);
                var sb = new StringBuilder();
                foreach (var block in response.Content)
                {
                    if (block.TryPickText(out TextBlock t))
                    {
                        sb.Append(t.Text);
                    }
                }
                return sb.ToString();
            }
            catch (AnthropicApiException ex) when (((int)ex.StatusCode == 429 || (int)ex.StatusCode >= 500) && attempt < MaxAttempts - 1)
            {
                int baseMs = Math.Min(30_000, 1000 * (1 << attempt));
                int delayMs;
                lock (Jitter)
                {
                    delayMs = baseMs / 2 + Jitter.Next(0, baseMs / 2);
                }

                Console.WriteLine($"Anthropic returned {(int)ex.StatusCode}; retrying in {delayMs} ms (request {ex.RequestID})");
                await Task.Delay(delayMs, cancellationToken);
            }
        }

        throw new InvalidOperationException("unreachable: the last attempt rethrows");
    }
}
