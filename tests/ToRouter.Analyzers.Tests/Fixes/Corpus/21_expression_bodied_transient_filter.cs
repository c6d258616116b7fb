// lang: latest
// expect: flagged
// shape: for loop whose catch (ClientResultException ex) when (IsTransient(ex) && ...) uses an expression-bodied helper matching 429 and 5xx (no sticky-code check) and waits a constant TimeSpan; expression-bodied public wrappers call the loop.
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N21;

public sealed class SqlExplainer
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);
    private readonly ChatClient _chat;

    public SqlExplainer(ChatClient chat) => _chat = chat;

    public Task<string> ExplainAsync(string sql, CancellationToken ct = default) =>
        AskAsync("Explain what this SQL query does:\n" + sql, ct);

    public Task<string> OptimizeAsync(string sql, CancellationToken ct = default) =>
        AskAsync("Suggest indexes for this SQL query:\n" + sql, ct);

    private static bool IsTransient(ClientResultException ex) => ex.Status == 429 || ex.Status >= 500;

    private async Task<string> AskAsync(string prompt, CancellationToken ct)
    {
        const int maxAttempts = 4;

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var result = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                return result.Value.Content[0].Text;
            }
            catch (ClientResultException ex) when (IsTransient(ex) && attempt < maxAttempts)
            {
                Console.Error.WriteLine($"transient {ex.Status} from model, retrying ({attempt}/{maxAttempts})");
                await Task.Delay(Pause, ct);
            }
        }
    }
}
