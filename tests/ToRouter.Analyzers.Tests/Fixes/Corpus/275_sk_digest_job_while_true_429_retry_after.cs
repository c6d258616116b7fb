// lang: latest
// expect: flagged
// shape: Nightly digest BackgroundService invokes a Semantic Kernel function in an unbounded while (true) that waits Retry-After (read from the inner ClientResultException) or a fixed 20 s on every HttpOperationException 429, with no attempt limit and no sticky-quota check.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N275;

public sealed record TeamActivity(string Id, string Name, IReadOnlyList<string> Events);

public interface IDigestRepository
{
    Task<IReadOnlyList<TeamActivity>> GetTeamsAsync(CancellationToken ct);
    Task SaveDigestAsync(string teamId, string digest, CancellationToken ct);
}

public sealed class NightlyDigestJob(Kernel kernel, IDigestRepository repository, ILogger<NightlyDigestJob> logger) : BackgroundService
{
    private static readonly TimeSpan DefaultThrottleWait = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            foreach (var team in await repository.GetTeamsAsync(stoppingToken))
            {
                var digest = await SummarizeWithThrottleAsync(team, stoppingToken);
                await repository.SaveDigestAsync(team.Id, digest, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<string> SummarizeWithThrottleAsync(TeamActivity team, CancellationToken ct)
    {
        var function = kernel.Plugins.GetFunction("Digest", "SummarizeActivity");
        var arguments = new KernelArguments
        {
            ["team"] = team.Name,
            ["activity"] = string.Join('\n', team.Events),
        };

        var throttled = 0;
        while (true)
        {
            try
            {
                FunctionResult result = await kernel.InvokeAsync(function, arguments, ct);
                if (throttled > 0)
                    logger.LogInformation("Digest for {Team} succeeded after {Throttled} throttles", team.Name, throttled);
                return result.GetValue<string>() ?? string.Empty;
            }
            catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled++;
                var wait = RetryAfterFrom(ex) ?? DefaultThrottleWait;
                logger.LogWarning("Gateway throttled digest for {Team} ({Count}x); waiting {Wait}", team.Name, throttled, wait);
                await Task.Delay(wait, ct);
            }
        }
    }

    private static TimeSpan? RetryAfterFrom(HttpOperationException ex) =>
        ex.InnerException is ClientResultException inner
        && inner.GetRawResponse() is { } raw
        && raw.Headers.TryGetValue("Retry-After", out var value)
        && int.TryParse(value, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
