// lang: latest
// expect: flagged
// shape: Azure.AI.OpenAI chat call in while (true) that catches ClientResultException 429/503, waits retry-after-ms / Retry-After or a random 1-5 s, and goes round again with no attempt limit and no sticky-code check, so a spent quota loops until the caller cancels.
#nullable enable
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N289
{
    public sealed class ContractReviewService
    {
        private readonly ChatClient _chat;
        private readonly ILogger<ContractReviewService> _log;

        public ContractReviewService(AzureOpenAIClient azure, ILogger<ContractReviewService> log)
        {
            _chat = azure.GetChatClient("gpt-4o-contracts");
            _log = log;
        }

        public async Task<string> ReviewClauseAsync(string clause, CancellationToken ct)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("You are a paralegal. Flag risky terms in the clause and explain each in one sentence."),
                new UserChatMessage(clause)
            };
            var options = new ChatCompletionOptions { Temperature = 0f, MaxOutputTokenCount = 800 };

            int throttled = 0;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    ChatCompletion completion = await _chat.CompleteChatAsync(messages, options, ct);
                    if (throttled > 0)
                        _log.LogInformation("Clause review succeeded after {Count} throttled attempts", throttled);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status == 503)
                {
                    throttled++;
                    TimeSpan wait = GetServerDelay(ex.GetRawResponse())
                                    ?? TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 5000));
                    _log.LogWarning("Azure OpenAI {Status}; waiting {Wait} before retrying (throttled {Count}x)",
                        ex.Status, wait, throttled);
                    await Task.Delay(wait, ct);
                }
            }
        }

        private static TimeSpan? GetServerDelay(PipelineResponse? response)
        {
            if (response is null) return null;
            if (response.Headers.TryGetValue("retry-after-ms", out string? ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double millis))
                return TimeSpan.FromMilliseconds(millis);
            if (response.Headers.TryGetValue("Retry-After", out string? s)
                && int.TryParse(s, out int seconds))
                return TimeSpan.FromSeconds(seconds);
            return null;
        }
    }
}
