// lang: latest
// expect: quiet
// shape: while (true) loop that re-sends a chat only after removing the oldest turn when the model rejects the request with 400 context_length_exceeded; the filter requires history to still have turns to drop, so every other failure propagates.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N39;

public sealed class LongConversationResponder
{
    private readonly ChatClient _chat;

    public LongConversationResponder(ChatClient chat)
    {
        _chat = chat;
    }

    public async Task<string> ReplyAsync(List<ChatMessage> history, CancellationToken ct)
    {
        // history[0] is the system prompt and the last entry is the user's new message; both are kept.
        while (true)
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(history, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 400
                                                   && ex.Message.Contains("context_length_exceeded", StringComparison.Ordinal)
                                                   && history.Count > 2)
            {
                Console.WriteLine($"Context too long with {history.Count} messages; dropping the oldest turn.");
                history.RemoveAt(1);
            }
        }
    }
}
