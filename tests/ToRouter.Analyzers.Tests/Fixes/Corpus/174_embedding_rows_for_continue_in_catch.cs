// lang: latest
// expect: quiet
// shape: per-item loop, not a retry: for (var i = 0; i < rows.Count; i++) over FAQ rows embeds each row once with EmbeddingClient.GenerateEmbeddingAsync; catch (ClientResultException) logs, records the row as skipped and continues to the next row (the continue advances i, nothing is re-sent), returning the indexed and skipped lists
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N174;

public sealed record FaqRow(int Id, string Question, string Answer);

public sealed record FaqVector(int Id, float[] Vector);

public sealed class FaqIndexer(EmbeddingClient embeddings, ILogger<FaqIndexer> logger)
{
    public async Task<(List<FaqVector> Indexed, List<int> Skipped)> IndexAsync(IReadOnlyList<FaqRow> rows, CancellationToken ct)
    {
        var indexed = new List<FaqVector>(rows.Count);
        var skipped = new List<int>();

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (string.IsNullOrWhiteSpace(row.Question))
            {
                skipped.Add(row.Id);
                continue;
            }

            OpenAIEmbedding embedding;
            try
            {
                embedding = await embeddings.GenerateEmbeddingAsync($"{row.Question}\n{row.Answer}", cancellationToken: ct);
            }
            catch (ClientResultException ex)
            {
                logger.LogWarning(ex, "Skipping FAQ {Id} ({Index}/{Count}): embedding failed with {Status}",
                    row.Id, i + 1, rows.Count, ex.Status);
                skipped.Add(row.Id);
                continue;
            }

            indexed.Add(new FaqVector(row.Id, embedding.ToFloats().ToArray()));
        }

        logger.LogInformation("Indexed {Indexed} FAQ rows, skipped {Skipped}", indexed.Count, skipped.Count);
        return (indexed, skipped);
    }
}
