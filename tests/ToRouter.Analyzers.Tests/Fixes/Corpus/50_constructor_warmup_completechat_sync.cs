// lang: latest
// expect: flagged
// shape: constructor that warms up a ChatClient with a synchronous CompleteChat probe in a bounded for loop; catch (ClientResultException ex) when (status is 429 or >= 500 and tries remain) blocks with Thread.Sleep(1000 << i), with no jitter and no sticky-quota check.
using System;
using System.ClientModel;
using System.Threading;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N50;

public sealed class WarmChatSession
{
    private const int WarmupAttempts = 4;
    private readonly ChatClient _chat;

    public WarmChatSession(string apiKey, Uri gatewayEndpoint, string model = "gpt-4o-mini")
    {
        _chat = new ChatClient(model, new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = gatewayEndpoint });

        // Fail fast at startup if the gateway or the key is unusable, but ride out a busy gateway.
        for (int i = 0; i < WarmupAttempts; i++)
        {
            try
            {
                ChatCompletion pong = _chat.CompleteChat(
                    new ChatMessage[] { new UserChatMessage("Reply with the single word: pong") },
                    new ChatCompletionOptions { MaxOutputTokenCount = 5 });
                WarmupReply = pong.Content[0].Text;
                break;
            }
            catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status >= 500) && i < WarmupAttempts - 1)
            {
                Console.WriteLine($"warm-up: gateway answered {ex.Status}, waiting before retry #{i + 1}");
                Thread.Sleep(1000 << i);
            }
        }
    }

    public string WarmupReply { get; }

    public string Ask(string question) => _chat.CompleteChat(new UserChatMessage(question)).Value.Content[0].Text;
}
