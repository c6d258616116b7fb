// lang: latest
// expect: flagged
// shape: #nullable enable; async recursive retry in a primary-constructor class: SummarizeAsync(text, ct, retry) catches AnthropicRateLimitException when (retry < MaxRetries), waits a linearly growing 5 s * (retry + 1) and calls itself with retry + 1; every rate-limit exception is retried, sticky quota codes included (ex.Type / ResponseBody never read)
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N164;

public sealed class ContractSummarizer(IAnthropicClient client, ILogger<ContractSummarizer> logger)
{
    private const int MaxRetries = 4;

    public async Task<string> SummarizeAsync(string contractText, CancellationToken ct = default, int retry = 0)
    {
        try
        {
            var message = await client.Messages.Create(new MessageCreateParams
            {
                Model = Model.ClaudeSonnet4_6,
                MaxTokens = 1500,
                System = "Summarize the key obligations, deadlines and penalties in this contract as a bulleted list.",
                Messages = [new UserMessageParam { Content = contractText }],
            }, ct);

            return string.Join("\n", message.Content
                .Select(block => block.Value)
                .OfType<TextBlock>()
                .Select(text => text.Text));
        }
        catch (AnthropicRateLimitException ex) when (retry < MaxRetries)
        {
            var wait = TimeSpan.FromSeconds(5 * (retry + 1));
            logger.LogWarning(ex, "Anthropic rate limit hit, retry {Retry} of {Max} in {Wait}", retry + 1, MaxRetries, wait);
            await Task.Delay(wait, ct);
            return await SummarizeAsync(contractText, ct, retry + 1);
        }
    }
}
