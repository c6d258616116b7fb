// lang: latest
// expect: flagged
// shape: #nullable enable; Stopwatch-budgeted while (sw.Elapsed < budget) loop around AnthropicClient.Messages.Create with separate catch (AnthropicRateLimitException) and catch (Anthropic5xxException) clauses that both wait a constant 3 s; sticky 429s are retried until the budget runs out and the method then returns null instead of throwing
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N121
{
    public class CommitMessageWriter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);
        private readonly AnthropicClient _client;

        public CommitMessageWriter(AnthropicClient client) => _client = client;

        public async Task<string?> WriteAsync(string diff, CancellationToken ct = default)
        {
            var parameters = new MessageCreateParams
            {
                Model = Model.ClaudeHaiku5_5,
                MaxTokens = 300,
                Messages = new List<MessageParam>
                {
                    new UserMessageParam("Write a conventional commit message for this diff:\n\n" + diff),
                },
            };

            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < Budget)
            {
                try
                {
                    var message = await _client.Messages.Create(parameters, ct);
                    foreach (var block in message.Content)
                    {
                        if (block.TryPickText(out var text))
                            return text.Text.Trim();
                    }
                    return string.Empty;
                }
                catch (AnthropicRateLimitException)
                {
                    Debug.WriteLine($"rate limited after {sw.ElapsedMilliseconds} ms");
                    await Task.Delay(3000, ct);
                }
                catch (Anthropic5xxException ex)
                {
                    Debug.WriteLine($"server error {ex.StatusCode} after {sw.ElapsedMilliseconds} ms");
                    await Task.Delay(3000, ct);
                }
            }

            return null;
        }
    }
}
