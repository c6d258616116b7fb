// lang: latest
// expect: quiet
// shape: job polling, not a retry: one POST creates a video-generation job, then while (await timer.WaitForNextTickAsync(token)) on a PeriodicTimer GETs the job with EnsureSuccessStatusCode every 10 s and keeps going after each successful poll until the status is completed (return) or failed (throw); a linked CancellationTokenSource with CancelAfter turns the deadline into a TimeoutException; HTTP errors are not caught
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N169;

public sealed record VideoJob(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] int? Progress,
    [property: JsonPropertyName("error")] string? Error);

public sealed class VideoJobRunner(HttpClient http, ILogger<VideoJobRunner> logger)
{
    public async Task<VideoJob> GenerateAsync(string prompt, TimeSpan timeout, CancellationToken ct)
    {
        using var create = await http.PostAsJsonAsync("v1/videos", new { model = "sora-2", prompt, seconds = "8" }, ct);
        create.EnsureSuccessStatusCode();
        var job = await create.Content.ReadFromJsonAsync<VideoJob>(cancellationToken: ct)
                  ?? throw new InvalidOperationException("The gateway returned an empty job.");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));

        try
        {
            while (await timer.WaitForNextTickAsync(deadline.Token))
            {
                using var poll = await http.GetAsync($"v1/videos/{job.Id}", deadline.Token);
                poll.EnsureSuccessStatusCode();
                job = await poll.Content.ReadFromJsonAsync<VideoJob>(cancellationToken: deadline.Token) ?? job;

                logger.LogInformation("Video {Id}: {Status} ({Progress}%)", job.Id, job.Status, job.Progress ?? 0);

                switch (job.Status)
                {
                    case "completed":
                        return job;
                    case "failed":
                        throw new InvalidOperationException($"Video job {job.Id} failed: {job.Error}");
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Video job {job.Id} did not finish within {timeout}.");
        }

        throw new InvalidOperationException("Polling timer stopped unexpectedly.");
    }
}
