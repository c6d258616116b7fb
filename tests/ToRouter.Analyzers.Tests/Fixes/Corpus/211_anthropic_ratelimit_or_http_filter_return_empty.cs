// lang: latest
// expect: flagged
// shape: while (attempt++ < MaxAttempts) around AnthropicClient.Messages.Create; catch (Exception ex) when (ex is AnthropicRateLimitException || ex is HttpRequestException) logs and waits an unjittered Math.Pow(2, attempt) * 1000 ms, so every 429 (sticky quota ones included) is retried; after the last attempt the loop falls out and the method returns string.Empty instead of the failure
using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N211
{
    public sealed class CommitMessageGenerator
    {
        private const int MaxAttempts = 4;

        private readonly AnthropicClient _client;
        private readonly ILogger<CommitMessageGenerator> _logger;

        public CommitMessageGenerator(string apiKey, string baseUrl, ILogger<CommitMessageGenerator> logger)
        {
            _client = new AnthropicClient(new ClientOptions { ApiKey = apiKey, BaseUrl = baseUrl });
            _logger = logger;
        }

        public async Task<string> GenerateAsync(string stagedDiff, CancellationToken cancellationToken = default)
        {
            var parameters = new MessageCreateParams
            {
                Model = Model.ClaudeHaiku4_5,
                MaxTokens = 200,
                System = "Write a conventional commit message (type(scope): subject, blank line, body) for the diff.",
                Messages = [new UserMessageParam(stagedDiff)]
            };

            var attempt = 0;
            while (attempt++ < MaxAttempts)
            {
                try
                {
                    var message = await _client.Messages.Create(parameters, cancellationToken);
                    var text = new StringBuilder();
                    foreach (var block in message.Content)
                    {
                        if (block.TryPickText(out var textBlock))
                            text.Append(textBlock.Text);
                    }
                    return text.ToString().Trim();
                }
                catch (Exception ex) when (ex is AnthropicRateLimitException || ex is HttpRequestException)
                {
                    var delay = TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 1000);
                    _logger.LogWarning("Claude call failed ({Error}), attempt {Attempt}/{Max}, waiting {Delay}",
                        ex.GetType().Name, attempt, MaxAttempts, delay);
                    await Task.Delay(delay, cancellationToken);
                }
            }

            _logger.LogError("Could not generate a commit message after {Max} attempts", MaxAttempts);
            return string.Empty;
        }
    }
}
