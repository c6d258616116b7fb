// lang: latest
// expect: quiet
// shape: no loop: an Azure.AI.OpenAI ChatClient built lazily from a key in a secret store; catch (ClientResultException ex) when (ex.Status == 401) reloads the key bypassing the cache, rebuilds the client and re-sends exactly once (a credential refresh, not a retry loop); any failure of the second call propagates
#nullable enable
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N172;

public interface ISecretStore
{
    Task<string> GetSecretAsync(string name, bool bypassCache, CancellationToken ct);
}

public sealed class RotatingKeyChatClient(Uri endpoint, string deployment, ISecretStore secrets, ILogger<RotatingKeyChatClient> logger)
{
    private const string KeyName = "AzureOpenAI--ApiKey";
    private ChatClient? _chat;

    public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
    {
        var chat = _chat ??= await CreateClientAsync(bypassCache: false, ct);
        ChatMessage[] messages = [new UserChatMessage(prompt)];

        try
        {
            ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
            return completion.Content[0].Text;
        }
        catch (ClientResultException ex) when (ex.Status == 401)
        {
            logger.LogInformation("Azure OpenAI rejected the cached key; reloading {KeyName} from the secret store", KeyName);
            _chat = chat = await CreateClientAsync(bypassCache: true, ct);

            ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
            return completion.Content[0].Text;
        }
    }

    private async Task<ChatClient> CreateClientAsync(bool bypassCache, CancellationToken ct)
    {
        var key = await secrets.GetSecretAsync(KeyName, bypassCache, ct);
        var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
        return azure.GetChatClient(deployment);
    }
}
