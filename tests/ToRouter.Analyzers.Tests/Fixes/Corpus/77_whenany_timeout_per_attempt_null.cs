// lang: latest
// expect: flagged
// shape: bounded for loop that races CompleteChatAsync against Task.Delay(perAttemptTimeout) with Task.WhenAny and immediately re-sends when the timer wins (no wait between attempts), returning null after the last attempt times out.
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N77;

public class AutocompleteService
{
    private static readonly TimeSpan PerAttemptTimeout = TimeSpan.FromSeconds(4);
    private readonly ChatClient _chat;

    public AutocompleteService(ChatClient chat)
    {
        _chat = chat;
    }

    public async Task<string> CompleteLineAsync(string codeBeforeCursor)
    {
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            using var cts = new CancellationTokenSource();
            Task<ClientResult<ChatCompletion>> call = _chat.CompleteChatAsync(
                new ChatMessage[]
                {
                    new SystemChatMessage("Complete the current line of code. Output only the completion."),
                    new UserChatMessage(codeBeforeCursor),
                },
                new ChatCompletionOptions { MaxOutputTokenCount = 64, Temperature = 0.2f },
                cts.Token);

            Task winner = await Task.WhenAny(call, Task.Delay(PerAttemptTimeout));
            if (winner == call)
            {
                ChatCompletion completion = await call;
                return completion.Content[0].Text;
            }

            cts.Cancel();
            Console.WriteLine($"autocomplete attempt {attempt} exceeded {PerAttemptTimeout.TotalSeconds}s, trying again");
        }

        return null;
    }
}
