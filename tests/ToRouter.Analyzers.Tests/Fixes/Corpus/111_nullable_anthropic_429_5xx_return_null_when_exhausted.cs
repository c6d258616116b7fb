// lang: latest
// expect: flagged
// shape: #nullable enable; Task<string?> with while (true) around AnthropicClient.Messages.Create; catch (AnthropicApiException ex) when the status is 429 or 5xx does retryCount++, logs and returns null once retryCount >= maxRetries (hiding the last failure), and otherwise waits 2^retryCount s plus random jitter; the error type is never checked for a sticky quota code.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N111;

public sealed class TitleSuggester
{
    private readonly AnthropicClient _client;
    private readonly int _maxRetries;

    public TitleSuggester(AnthropicClient client, int maxRetries = 4)
    {
        _client = client;
        _maxRetries = maxRetries;
    }

    public async Task<string?> SuggestTitleAsync(string blogPost, CancellationToken cancellationToken = default)
    {
        var request = new MessageCreateParams
        {
            Model = Model.ClaudeHaiku4_5,
            MaxTokens = 60,
            Messages = new List<MessageParam> { new UserMessageParam("Suggest one catchy title for this post:\n" + blogPost) },
        };

        int retryCount = 0;
        while (true)
        {
            try
            {
                Message message = await _client.Messages.Create(request, cancellationToken).ConfigureAwait(false);
                return message.Content.Select(b => b.TryPickText(out var t) ? t.Text : null).FirstOrDefault(t => t is not null);
            }
            catch (AnthropicApiException ex) when ((int)ex.StatusCode == 429 || (int)ex.StatusCode >= 500)
            {
                retryCount++;
                if (retryCount >= _maxRetries)
                {
                    Console.Error.WriteLine($"Giving up on title suggestion after {retryCount} attempts: {ex.Message}");
                    return null;
                }

                var delay = TimeSpan.FromSeconds(Math.Pow(2, retryCount)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 750));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
