// lang: latest
// expect: quiet
// shape: Polly v7 AsyncRetryPolicy built once with a predicate that treats sticky quota codes and 4xx as terminal and a capped, jittered exponential sleep provider; the only loop-like code is the policy.ExecuteAsync call site.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.Retry;

namespace Corpus.N45;

public sealed class PolicyBackedChat
{
    private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };
    private static readonly Random Rng = new();

    private readonly ChatClient _chat;
    private readonly AsyncRetryPolicy _retry;

    public PolicyBackedChat(string apiKey, Uri endpoint)
    {
        _chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(apiKey),
            new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(0) });

        _retry = Policy
            .Handle<ClientResultException>(IsTransient)
            .WaitAndRetryAsync(5, retryAttempt =>
            {
                double ceilingMs = Math.Min(30_000, 1_000 * Math.Pow(2, retryAttempt - 1));
                double ms;
                lock (Rng)
                {
                    ms = Rng.NextDouble() * ceilingMs;
                }
                return TimeSpan.FromMilliseconds(ms);
            });
    }

    public async Task<string> AskAsync(string question, CancellationToken ct)
    {
        ClientResult<ChatCompletion> result = await _retry.ExecuteAsync(
            token => _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, cancellationToken: token),
            ct);
        return result.Value.Content[0].Text;
    }

    private static bool IsTransient(ClientResultException ex)
    {
        string body = null;
        PipelineResponse raw = ex.GetRawResponse();
        if (raw != null)
        {
            try { body = raw.Content.ToString(); } catch (InvalidOperationException) { }
        }

        foreach (var code in StickyCodes)
        {
            if (body?.Contains(code, StringComparison.Ordinal) == true || ex.Message.Contains(code, StringComparison.Ordinal))
            {
                return false;
            }
        }

        // Status 0: no response came back (connection reset, DNS, timeout).
        return ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
    }
}
