// lang: latest
// expect: flagged
// shape: generic ExecuteAsync<T>(Func<CancellationToken, Task<T>>) helper whose catch (Exception ex) when (IsTransient(ex) && attempt < MaxAttempts) uses a property-pattern classifier (ClientResultException { Status: 429 or >= 500 } or HttpRequestException) with no sticky-quota check, and waits a capped 2^attempt backoff without jitter.
using System;
using System.ClientModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N76;

public static class LlmResilience
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    public static async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
                TimeSpan backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, attempt)));
                await Task.Delay(backoff, ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        ClientResultException { Status: 429 or >= 500 } => true,
        ClientResultException { Status: 0 } => true,
        HttpRequestException => true,
        _ => false,
    };
}

public sealed class TitleGenerator
{
    private readonly ChatClient _chat;

    public TitleGenerator(ChatClient chat) => _chat = chat;

    public Task<string> GenerateTitleAsync(string conversationSoFar, CancellationToken ct) =>
        LlmResilience.ExecuteAsync(async token =>
        {
            ChatCompletion completion = await _chat.CompleteChatAsync(
                [new UserChatMessage("Give this conversation a title of at most six words:\n" + conversationSoFar)],
                cancellationToken: token).ConfigureAwait(false);
            return completion.Content[0].Text.Trim('"', ' ');
        }, ct);
}
