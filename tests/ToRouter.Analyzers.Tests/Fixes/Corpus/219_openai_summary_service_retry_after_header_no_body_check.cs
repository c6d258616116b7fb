// lang: latest
// expect: flagged
// shape: ASP.NET-style summary service retries ChatClient ClientResultException on 429/5xx honouring Retry-After (else unjittered 2^n), but never reads the body, so API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are retried too.
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N219
{
    public sealed record SummaryRequest(string DocumentId, string Text, int MaxWords = 120);

    public interface ISummaryService
    {
        Task<string> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken);
    }

    public sealed class SummaryService : ISummaryService
    {
        private const int MaxAttempts = 5;
        private readonly ChatClient _chat;
        private readonly ILogger<SummaryService> _logger;

        public SummaryService(ChatClient chat, ILogger<SummaryService> logger)
        {
            _chat = chat;
            _logger = logger;
        }

        public async Task<string> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage($"Summarize the user's document in at most {request.MaxWords} words."),
                new UserChatMessage(request.Text),
            };
            var options = new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 400 };

            var stopwatch = Stopwatch.StartNew();
            ClientResultException? lastError = null;

            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                try
                {
                    ChatCompletion completion = await _chat.CompleteChatAsync(messages, options, cancellationToken);
                    _logger.LogInformation("Summarized {DocumentId} in {ElapsedMs} ms after {Attempt} attempt(s)",
                        request.DocumentId, stopwatch.ElapsedMilliseconds, attempt);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    lastError = ex;
                    var wait = GetRetryAfter(ex.GetRawResponse()) ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
                    _logger.LogWarning("Summary for {DocumentId} got HTTP {Status}; retrying in {Wait}",
                        request.DocumentId, ex.Status, wait);
                    await Task.Delay(wait, cancellationToken);
                }
            }

            throw new InvalidOperationException(
                $"Could not summarize {request.DocumentId} after {MaxAttempts} attempts.", lastError);
        }

        private static TimeSpan? GetRetryAfter(PipelineResponse? response)
        {
            if (response is null)
                return null;

            if (response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, out var seconds))
                return TimeSpan.FromSeconds(Math.Min(seconds, 60));

            return null;
        }
    }
}
