// lang: latest
// expect: flagged
// shape: async local function with while (true) and an attempt counter; catch (ClientResultException) filtered to Status 429 or >= 500 rethrows once the counter hits 5 and otherwise waits Math.Pow(2, attempt) seconds without jitter or a sticky-code check.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N19;

public class MeetingNotesPipeline
{
    private readonly ChatClient _chat;

    public MeetingNotesPipeline(ChatClient chat) => _chat = chat;

    public async Task<IReadOnlyList<string>> ExtractActionItemsAsync(IEnumerable<string> transcriptChunks, CancellationToken ct)
    {
        var items = new List<string>();

        foreach (var chunk in transcriptChunks)
        {
            var text = await CallModelAsync(chunk);
            items.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return items;

        async Task<string> CallModelAsync(string chunk)
        {
            int attempt = 0;
            while (true)
            {
                try
                {
                    ChatCompletion completion = await _chat.CompleteChatAsync(
                        new ChatMessage[]
                        {
                            new SystemChatMessage("List the action items in this meeting transcript, one per line."),
                            new UserChatMessage(chunk),
                        },
                        cancellationToken: ct);
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                {
                    if (++attempt >= 5)
                    {
                        throw;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                }
            }
        }
    }
}
