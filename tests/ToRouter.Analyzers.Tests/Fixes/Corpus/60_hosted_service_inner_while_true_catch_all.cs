// lang: latest
// expect: flagged
// shape: background-service look-alike whose outer while (!stoppingToken.IsCancellationRequested) worker loop is fine, but each tick calls the model inside an inner while (true) with catch (Exception) that logs and waits a constant 10 s, with no attempt bound.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N60;

public abstract class BackgroundWorker
{
    public Task StartAsync(CancellationToken token) => ExecuteAsync(token);

    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
}

public sealed class ChangelogSummaryService : BackgroundWorker
{
    private readonly ChatClient _chat;
    private readonly ConcurrentQueue<string> _pendingReleases;
    private readonly ConcurrentDictionary<string, string> _summaries = new();

    public ChangelogSummaryService(ChatClient chat, ConcurrentQueue<string> pendingReleases)
    {
        _chat = chat;
        _pendingReleases = pendingReleases;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_pendingReleases.TryDequeue(out var releaseNotes))
            {
                await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
                continue;
            }

            string summary;
            while (true)
            {
                try
                {
                    ChatCompletion completion = await _chat.CompleteChatAsync(
                        new ChatMessage[] { new UserChatMessage("Summarise for the status page:\n" + releaseNotes) },
                        cancellationToken: stoppingToken);
                    summary = completion.Content[0].Text;
                    break;
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"[{DateTime.UtcNow:O}] summary failed, will retry: {ex.Message}");
                    await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
                }
            }

            _summaries[releaseNotes.GetHashCode().ToString("x8")] = summary;
        }
    }
}
