// lang: latest
// expect: flagged
// shape: Mid-level legacy summarizer exposes a sync Summarize() that Task.Run-wraps an async Anthropic call whose countdown loop retries AnthropicRateLimitException and 5xx with jittered exponential delays and rethrows when the budget is spent, but never inspects Type/ResponseBody, so sticky quota 429s are retried.
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N334
{
    public class MeetingNotesSummarizer
    {
        private readonly AnthropicClient _client;
        private readonly ILogger _log;

        public MeetingNotesSummarizer(AnthropicClient client, ILogger log)
        {
            _client = client;
            _log = log;
        }

        // Called from the old WCF service layer, which cannot be async (yet).
        public string Summarize(string transcript) =>
            Task.Run(() => SummarizeAsync(transcript, CancellationToken.None)).GetAwaiter().GetResult();

        public async Task<string> SummarizeAsync(string transcript, CancellationToken ct)
        {
            var request = new MessageCreateParams
            {
                Model = "claude-3-5-haiku-latest",
                MaxTokens = 800,
                System = "Summarize the meeting as bullet points: decisions, action items (with owner), open questions.",
                Messages = [new UserMessageParam(transcript)],
            };

            int retriesLeft = 3;
            int attempt = 0;
            while (true)
            {
                attempt++;
                try
                {
                    var message = await _client.Messages.Create(request, ct).ConfigureAwait(false);
                    var summary = string.Join("\n", message.Content
                        .Select(block => block.TryPickText(out var text) ? text.Text : null)
                        .Where(s => s is not null));
                    _log.LogInformation("Summarized {Chars} chars of transcript on attempt {Attempt}", transcript.Length, attempt);
                    return summary;
                }
                catch (AnthropicApiException ex) when (ex is AnthropicRateLimitException || (int)ex.StatusCode >= 500)
                {
                    if (retriesLeft-- == 0)
                    {
                        _log.LogError(ex, "Anthropic still returning {Status} after {Attempt} attempts", ex.StatusCode, attempt);
                        throw;
                    }

                    var delay = TimeSpan.FromMilliseconds(1000 * Math.Pow(2, attempt - 1) + Random.Shared.Next(0, 750));
                    _log.LogWarning("Anthropic {Status} (request {RequestId}); {Left} retries left, waiting {Delay}",
                        ex.StatusCode, ex.RequestID, retriesLeft, delay);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }
            }
        }
    }
}
