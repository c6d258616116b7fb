// lang: latest
// expect: flagged
// shape: synchronous lambda passed to Task.Run for each document; inside it a bounded for loop around the blocking ChatClient.CompleteChat with catch (ClientResultException ex) when (ex.Status == 429 && attempt < 5) and Thread.Sleep(1000 * attempt) (linear, in sync code); the 429 body is never checked for a sticky quota code.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N102;

public class ParallelTagger
{
    private readonly ChatClient _chat;

    public ParallelTagger(ChatClient chat) => _chat = chat;

    public async Task<string[]> TagAllAsync(IReadOnlyList<string> documents)
    {
        IEnumerable<Task<string>> tasks = documents.Select(doc => Task.Run(() =>
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    ChatCompletion completion = _chat.CompleteChat(
                        new SystemChatMessage("Return three topic tags for the document, comma separated."),
                        new UserChatMessage(doc));
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status == 429 && attempt < 5)
                {
                    Console.WriteLine($"[{Environment.CurrentManagedThreadId}] 429, sleeping {attempt}s");
                    Thread.Sleep(1000 * attempt);
                }
            }
        }));

        return await Task.WhenAll(tasks);
    }
}
