// lang: latest
// expect: quiet
// shape: a document-indexing batch job embeds each document once inside a per-item try/catch, recording failures in a result list, continuing past per-document errors and breaking out of the batch on a sticky quota code; nothing is ever re-attempted, so it is not a retry loop.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace Corpus.N302;

public sealed record SourceDocument(string Id, string Title, string Text);
public sealed record IndexFailure(string DocumentId, int Status, string Reason);
public sealed record IndexReport(int Indexed, IReadOnlyList<IndexFailure> Failures, bool StoppedOnQuota, TimeSpan Elapsed);

public interface IVectorStore
{
    Task UpsertAsync(string id, ReadOnlyMemory<float> vector, IDictionary<string, string> metadata, CancellationToken ct);
}

public sealed class DocumentIndexingJob(EmbeddingClient embeddings, IVectorStore store, ILogger<DocumentIndexingJob> logger)
{
    public async Task<IndexReport> RunAsync(IEnumerable<SourceDocument> documents, CancellationToken ct)
    {
        var failures = new List<IndexFailure>();
        var indexed = 0;
        var stoppedOnQuota = false;
        var sw = Stopwatch.StartNew();

        foreach (var doc in documents)
        {
            ct.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(doc.Text))
            {
                failures.Add(new IndexFailure(doc.Id, 0, "empty document"));
                continue;
            }

            try
            {
                var text = doc.Text.Length > 24_000 ? doc.Text[..24_000] : doc.Text;
                OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync(text, cancellationToken: ct);
                await store.UpsertAsync(doc.Id, embedding.ToFloats(), new Dictionary<string, string> { ["title"] = doc.Title }, ct);
                indexed++;
            }
            catch (ClientResultException ex) when (ex.Message.Contains("API_KEY_QUOTA_EXHAUSTED") || ex.Message.Contains("USAGE_LIMIT_EXCEEDED"))
            {
                logger.LogError("Quota exhausted after {Indexed} documents; stopping the batch", indexed);
                failures.Add(new IndexFailure(doc.Id, ex.Status, "quota exhausted"));
                stoppedOnQuota = true;
                break;
            }
            catch (ClientResultException ex)
            {
                // The SDK's own pipeline has already retried transient failures; record and move on.
                logger.LogWarning(ex, "Embedding failed for {DocumentId}", doc.Id);
                failures.Add(new IndexFailure(doc.Id, ex.Status, ex.Message));
            }
        }

        logger.LogInformation("Indexed {Count} documents, {Failed} failures, in {Elapsed}", indexed, failures.Count, sw.Elapsed);
        return new IndexReport(indexed, failures, stoppedOnQuota, sw.Elapsed);
    }
}
