// lang: latest
// expect: quiet
// shape: for loop over the chunks of a long document that summarizes each chunk once with ChatClient.CompleteChatAsync and appends it; catch (ClientResultException ex) always wraps the failure in a custom exception naming the chunk and throws, so no request is ever repeated.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N115;

public sealed class ChunkSummarizationException : Exception
{
    public ChunkSummarizationException(int chunkIndex, Exception inner)
        : base($"Summarizing chunk {chunkIndex} failed.", inner)
    {
        ChunkIndex = chunkIndex;
    }

    public int ChunkIndex { get; }
}

public class LongDocumentSummarizer
{
    private const int ChunkSize = 8000;
    private readonly ChatClient _client;

    public LongDocumentSummarizer(ChatClient client) => _client = client;

    public async Task<string> SummarizeAsync(string document, CancellationToken cancellationToken = default)
    {
        var summaries = new StringBuilder();
        int chunkCount = (document.Length + ChunkSize - 1) / ChunkSize;

        for (int i = 0; i < chunkCount; i++)
        {
            string chunk = document.Substring(i * ChunkSize, Math.Min(ChunkSize, document.Length - i * ChunkSize));
            try
            {
                ChatCompletion completion = await _client.CompleteChatAsync(
                    new List<ChatMessage>
                    {
                        new SystemChatMessage("Summarize this part of a longer document in one paragraph."),
                        new UserChatMessage(chunk),
                    },
                    cancellationToken: cancellationToken);
                summaries.AppendLine(completion.Content[0].Text);
            }
            catch (ClientResultException ex)
            {
                throw new ChunkSummarizationException(i, ex);
            }
        }

        return summaries.ToString();
    }
}
