// lang: latest
// expect: flagged
// shape: bounded for loop around CompleteChatStreamingAsync consumed with await foreach into a StringBuilder; catch (ClientResultException ex) when (ex.Status == 429) clears the partial text and waits a fixed 3 s, never checking the 429 body for a sticky quota code.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N68;

public sealed class LiveCaptionTranslator
{
    private const int MaxAttempts = 3;
    private readonly ChatClient _chat;

    public LiveCaptionTranslator(ChatClient chat) => _chat = chat;

    public async Task<string> TranslateAsync(string caption, string targetLanguage, Action<string> onDelta, CancellationToken ct)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage($"Translate to {targetLanguage}. Keep it short; these are live captions."),
            new UserChatMessage(caption),
        };

        var text = new StringBuilder();
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                await foreach (StreamingChatCompletionUpdate update in _chat.CompleteChatStreamingAsync(messages, cancellationToken: ct))
                {
                    foreach (ChatMessageContentPart part in update.ContentUpdate)
                    {
                        text.Append(part.Text);
                        onDelta(part.Text);
                    }
                }

                return text.ToString();
            }
            catch (ClientResultException ex) when (ex.Status == 429)
            {
                text.Clear();
                Console.WriteLine("caption translation throttled, retrying in 3s");
                await Task.Delay(3000, ct);
            }
        }

        throw new TimeoutException("Caption translation kept getting throttled.");
    }
}
