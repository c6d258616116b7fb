// lang: latest
// expect: flagged
// shape: generic async local function WithRetry<T>(Func<Task<T>>) declared inside a note-indexing method and reused for a ChatClient summary and an EmbeddingClient call: for (var i = 1; ; i++) with catch (ClientResultException ex) when (i < 3), which bounds the loop but does not narrow the status (400/401/404 and sticky quota 429s retried), LogWarning and a constant 2 s Task.Delay
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Corpus.N208
{
    public sealed record Note(Guid Id, string Title, string Body);

    public sealed record IndexedNote(Guid Id, string Summary, float[] Vector);

    public sealed class NoteIndexer
    {
        private readonly ChatClient _chat;
        private readonly EmbeddingClient _embeddings;
        private readonly ILogger<NoteIndexer> _log;

        public NoteIndexer(ChatClient chat, EmbeddingClient embeddings, ILogger<NoteIndexer> log)
        {
            _chat = chat;
            _embeddings = embeddings;
            _log = log;
        }

        public async Task<IndexedNote> IndexAsync(Note note, CancellationToken ct = default)
        {
            async Task<T> WithRetry<T>(string what, Func<Task<T>> op)
            {
                for (var i = 1; ; i++)
                {
                    try
                    {
                        return await op();
                    }
                    catch (ClientResultException ex) when (i < 3)
                    {
                        _log.LogWarning("{What} for note {NoteId} failed with {Status}, retry {Attempt}", what, note.Id, ex.Status, i);
                        await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    }
                }
            }

            var summary = await WithRetry("Summary", async () =>
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    new ChatMessage[]
                    {
                        new SystemChatMessage("Summarize the note in two sentences."),
                        new UserChatMessage($"{note.Title}\n\n{note.Body}")
                    },
                    cancellationToken: ct);
                return completion.Content[0].Text;
            });

            var embedding = await WithRetry("Embedding", async () =>
                (await _embeddings.GenerateEmbeddingAsync(summary, cancellationToken: ct)).Value);

            return new IndexedNote(note.Id, summary, embedding.ToFloats().ToArray());
        }
    }
}
