// lang: latest
// expect: flagged
// shape: do { } while (++attempt <= MaxRetries) around IChatCompletionService.GetChatMessageContentsAsync; catch (HttpOperationException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError) retries every 429 without reading ResponseContent (sticky quota codes included) and grows the wait linearly with delay += 2 s; throws after the loop
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N175
{
    public class MeetingNotesService
    {
        private const int MaxRetries = 3;

        private readonly IChatCompletionService _chat;
        private readonly PromptExecutionSettings _settings;
        private readonly ILogger _logger;

        public MeetingNotesService(IChatCompletionService chat, ILogger<MeetingNotesService> logger)
        {
            _chat = chat;
            _logger = logger;
            _settings = new PromptExecutionSettings
            {
                ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.1, ["max_tokens"] = 1200 },
            };
        }

        public async Task<IReadOnlyList<string>> ExtractActionItemsAsync(string transcript, CancellationToken ct)
        {
            var history = new ChatHistory();
            history.AddSystemMessage("List every action item as '- owner: task', one per line. No other text.");
            history.AddUserMessage(transcript);

            var attempt = 0;
            var delay = TimeSpan.FromSeconds(2);
            do
            {
                try
                {
                    var replies = await _chat.GetChatMessageContentsAsync(history, _settings, kernel: null, ct);
                    return replies
                        .SelectMany(r => (r.Content ?? string.Empty).Split('\n'))
                        .Select(line => line.Trim())
                        .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
                        .ToList();
                }
                catch (HttpOperationException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                {
                    _logger.LogWarning("Action-item extraction failed with {Status}; attempt {Attempt}, next try in {Delay}",
                        ex.StatusCode, attempt + 1, delay);
                    await Task.Delay(delay, ct);
                    delay += TimeSpan.FromSeconds(2);
                }
            } while (++attempt <= MaxRetries);

            throw new InvalidOperationException($"Could not extract action items after {MaxRetries + 1} attempts.");
        }
    }
}
