// lang: latest
// expect: quiet
// shape: streaming chat: a single CompleteChatStreamingAsync call consumed with await foreach, appending each ContentUpdate part to a StringBuilder and pushing it to a callback until the stream ends; no try/catch and nothing is re-sent.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N103;

public class StreamingStoryTeller
{
    private readonly ChatClient _client;

    public StreamingStoryTeller(ChatClient client) => _client = client;

    public async Task<string> TellAsync(string theme, Action<string> onToken, CancellationToken cancellationToken = default)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("You tell short bedtime stories."),
            new UserChatMessage($"A story about {theme}, under 300 words."),
        };

        var story = new StringBuilder();
        int chunks = 0;

        await foreach (StreamingChatCompletionUpdate update in _client.CompleteChatStreamingAsync(messages, cancellationToken: cancellationToken))
        {
            foreach (ChatMessageContentPart part in update.ContentUpdate)
            {
                if (string.IsNullOrEmpty(part.Text))
                {
                    continue;
                }

                story.Append(part.Text);
                onToken(part.Text);
                chunks++;
            }

            if (update.FinishReason is ChatFinishReason reason)
            {
                Console.WriteLine($"stream finished: {reason} after {chunks} chunks");
            }
        }

        return story.ToString();
    }
}
