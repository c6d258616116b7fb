// lang: latest
// expect: flagged
// shape: #nullable enable; foreach (var attempt in Enumerable.Range(1, MaxAttempts)) retry (not a failover: the iteration variable only counts) around Kernel.InvokeAsync<string>; catch (HttpOperationException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) waits an unjittered 2^attempt seconds (sticky 429s retried), and after the loop logs an error and returns null
#nullable enable
using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N165;

public class ReviewSentimentClassifier
{
    private const int MaxAttempts = 4;

    private readonly Kernel _kernel;
    private readonly KernelFunction _classify;
    private readonly ILogger<ReviewSentimentClassifier> _logger;

    public ReviewSentimentClassifier(Kernel kernel, KernelFunction classify, ILogger<ReviewSentimentClassifier> logger)
    {
        _kernel = kernel;
        _classify = classify;
        _logger = logger;
    }

    public async Task<string?> ClassifyAsync(string review, CancellationToken cancellationToken = default)
    {
        foreach (var attempt in Enumerable.Range(1, MaxAttempts))
        {
            try
            {
                var label = await _kernel.InvokeAsync<string>(_classify, new KernelArguments { ["review"] = review }, cancellationToken);
                return label?.Trim().ToLowerInvariant();
            }
            catch (HttpOperationException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                _logger.LogInformation("Sentiment call throttled ({StatusCode}), attempt {Attempt}/{Max}, waiting {Delay}",
                    ex.StatusCode, attempt, MaxAttempts, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }

        _logger.LogError("Sentiment classification gave up after {MaxAttempts} attempts", MaxAttempts);
        return null;
    }
}
