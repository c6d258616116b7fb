// lang: latest
// expect: quiet
// shape: long-running worker while (!stoppingToken.IsCancellationRequested) that dequeues documents, calls ChatClient per document, logs and moves on when one fails, and idles with Task.Delay when the queue is empty.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N25;

public sealed record PendingDocument(string Id, string Text);

public sealed class SummaryWorker
{
    private readonly ConcurrentQueue<PendingDocument> _queue;
    private readonly ChatClient _chat;
    private readonly ConcurrentDictionary<string, string> _summaries = new();

    public SummaryWorker(ConcurrentQueue<PendingDocument> queue, ChatClient chat)
    {
        _queue = queue;
        _chat = chat;
    }

    public async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_queue.TryDequeue(out var doc))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }

            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    new ChatMessage[] { new UserChatMessage("Summarize:\n" + doc.Text) },
                    cancellationToken: stoppingToken);
                _summaries[doc.Id] = completion.Content[0].Text;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Summary for {doc.Id} failed, it will be picked up by the nightly sweep: {ex.Message}");
            }
        }
    }
}
