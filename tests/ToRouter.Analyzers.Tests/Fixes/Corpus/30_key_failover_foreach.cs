// lang: latest
// expect: quiet
// shape: foreach failover over several API keys, building a ChatClient per key and moving on to the next key when a call fails with 429, 5xx or no response; throws with the last error when every key failed.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N30;

public sealed class MultiKeyChat
{
    private readonly IReadOnlyList<string> _apiKeys;
    private readonly Uri _endpoint;

    public MultiKeyChat(IReadOnlyList<string> apiKeys, Uri endpoint)
    {
        _apiKeys = apiKeys;
        _endpoint = endpoint;
    }

    public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
    {
        ClientResultException lastError = null;

        foreach (var key in _apiKeys)
        {
            var client = new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = _endpoint });
            try
            {
                ChatCompletion completion = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500 || ex.Status == 0)
            {
                // This key is throttled, out of quota, or its upstream is down: fail over to the next key.
                Console.WriteLine($"Key ...{key[^4..]} failed with {ex.Status}; trying next key");
                lastError = ex;
            }
        }

        throw new InvalidOperationException("All API keys failed.", lastError);
    }
}
