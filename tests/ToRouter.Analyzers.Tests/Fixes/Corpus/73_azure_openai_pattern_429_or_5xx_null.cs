// lang: latest
// expect: flagged
// shape: do-while loop around an Azure.AI.OpenAI ChatClient with catch (ClientResultException ex) when (ex.Status is 429 or >= 500), an unjittered Math.Min(30, 2^attempt) second wait, no sticky-quota check, and null returned once attempts run out.
#nullable enable
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N73;

public sealed class ContractClauseExtractor
{
    private readonly ChatClient _chat;
    private readonly int _maxAttempts;

    public ContractClauseExtractor(AzureOpenAIClient azure, string deploymentName, int maxAttempts = 4)
    {
        _chat = azure.GetChatClient(deploymentName);
        _maxAttempts = maxAttempts;
    }

    public async Task<string?> ExtractTerminationClauseAsync(string contractText, CancellationToken ct)
    {
        var attempt = 0;
        ClientResultException? lastError = null;

        do
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    [
                        new SystemChatMessage("Quote the termination clause verbatim, or reply NONE."),
                        new UserChatMessage(contractText),
                    ],
                    cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status is 429 or >= 500)
            {
                lastError = ex;
                attempt++;
                var seconds = Math.Min(30, Math.Pow(2, attempt));
                Console.WriteLine($"Azure OpenAI {ex.Status}; attempt {attempt}/{_maxAttempts}, next try in {seconds}s");
                await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
            }
        }
        while (attempt < _maxAttempts);

        Console.WriteLine($"Giving up on clause extraction: {lastError?.Message}");
        return null;
    }
}
