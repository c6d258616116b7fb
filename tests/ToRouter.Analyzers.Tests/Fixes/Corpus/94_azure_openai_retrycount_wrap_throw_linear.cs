// lang: latest
// expect: flagged
// shape: while (true) around an Azure.AI.OpenAI ChatClient with catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500): retryCount++ and throw new Exception("...", ex) once retryCount > MaxRetries, otherwise a linear Task.Delay(retryCount * 2000); no sticky-quota check.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N94;

public class ContractRiskSummarizer
{
    private const int MaxRetries = 3;
    private readonly ChatClient _chatClient;

    public ContractRiskSummarizer(string endpoint, string apiKey, string deployment)
    {
        var azureClient = new AzureOpenAIClient(new Uri(endpoint), new AzureKeyCredential(apiKey));
        _chatClient = azureClient.GetChatClient(deployment);
    }

    public async Task<string> SummarizeRisksAsync(string contractText, CancellationToken cancellationToken = default)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("List the top five legal risks in this contract as bullet points."),
            new UserChatMessage(contractText),
        };

        int retryCount = 0;
        while (true)
        {
            try
            {
                ChatCompletion completion = await _chatClient.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
            {
                retryCount++;
                if (retryCount > MaxRetries)
                {
                    throw new Exception("Azure OpenAI call failed after retries", ex);
                }

                Console.WriteLine($"Azure OpenAI returned {ex.Status}; retry #{retryCount}");
                await Task.Delay(retryCount * 2000, cancellationToken);
            }
        }
    }
}
