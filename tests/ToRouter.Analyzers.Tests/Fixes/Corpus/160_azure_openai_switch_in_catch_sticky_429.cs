// lang: latest
// expect: flagged
// shape: bounded for loop around an Azure.AI.OpenAI ChatClient.CompleteChatAsync with ConfigureAwait(false); an unfiltered catch (ClientResultException ex) switches on ex.Status: case 429/500/502/503 waits an unjittered Math.Pow(2, attempt) * 1000 ms (rethrowing on the last attempt), default rethrows; the 429 case never reads the body, so sticky quota 429s are retried
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N160
{
    public sealed class ProductCopyService
    {
        private const int MaxAttempts = 5;

        private readonly ChatClient _chat;
        private readonly ILogger<ProductCopyService> _logger;

        public ProductCopyService(AzureOpenAIClient azure, string deployment, ILogger<ProductCopyService> logger)
        {
            _chat = azure.GetChatClient(deployment);
            _logger = logger;
        }

        public async Task<string> WriteDescriptionAsync(string productName, string bulletPoints, CancellationToken cancellationToken)
        {
            ChatMessage[] messages =
            {
                new SystemChatMessage("You write product descriptions for an outdoor-gear web shop. 80-120 words, no superlatives."),
                new UserChatMessage($"Product: {productName}\nFeatures:\n{bulletPoints}"),
            };

            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                try
                {
                    ChatCompletion completion = await _chat
                        .CompleteChatAsync(messages, cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex)
                {
                    switch (ex.Status)
                    {
                        case 429:
                        case 500:
                        case 502:
                        case 503:
                            if (attempt == MaxAttempts - 1)
                                throw;

                            var delay = TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 1000);
                            _logger.LogWarning("Azure OpenAI returned {Status} for {Product}; retrying in {Delay}", ex.Status, productName, delay);
                            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                            break;

                        default:
                            throw;
                    }
                }
            }

            throw new InvalidOperationException("Unreachable: retry loop exhausted without result.");
        }
    }
}
