// lang: latest
// expect: flagged
// shape: bounded for loop around ChatClient.CompleteChatStreamingAsync consumed with await foreach that pushes every token to an onToken UI callback as it arrives; catch (Exception ex) when (ex is IOException or HttpRequestException) silently restarts the whole stream after a constant 1 s wait even though tokens were already delivered
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N131;

public sealed class LiveAnswerStreamer
{
    private const int MaxAttempts = 3;
    private readonly ChatClient _chat;

    public LiveAnswerStreamer(ChatClient chat) => _chat = chat;

    public event EventHandler<string>? StreamRestarted;

    public async Task<string> StreamAsync(
        IReadOnlyList<ChatMessage> messages,
        Func<string, Task> onToken,
        CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var full = new StringBuilder();
            try
            {
                await foreach (StreamingChatCompletionUpdate update in _chat.CompleteChatStreamingAsync(messages, cancellationToken: ct))
                {
                    foreach (ChatMessageContentPart part in update.ContentUpdate)
                    {
                        full.Append(part.Text);
                        await onToken(part.Text);
                    }
                }

                return full.ToString();
            }
            catch (Exception ex) when ((ex is IOException or HttpRequestException) && attempt < MaxAttempts)
            {
                StreamRestarted?.Invoke(this, $"connection dropped after {full.Length} chars: {ex.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }

        throw new InvalidOperationException("Streaming failed.");
    }
}
