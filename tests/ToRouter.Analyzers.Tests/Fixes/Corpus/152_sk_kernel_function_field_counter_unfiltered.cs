// lang: latest
// expect: flagged
// shape: while (_retryCount < MaxRetries) where the attempt counter is an instance field reset per call, around Kernel.InvokeAsync on an injected prompt KernelFunction; an unfiltered catch (HttpOperationException) logs through ILogger<T> and waits a constant 3 s, so 400/401/403/404 and sticky quota 429s are retried the same as 5xx; throws after the loop
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N152;

public sealed class ReleaseNotesSummarizer
{
    private const int MaxRetries = 4;

    private readonly Kernel _kernel;
    private readonly KernelFunction _summarize;
    private readonly ILogger<ReleaseNotesSummarizer> _logger;
    private int _retryCount;

    public ReleaseNotesSummarizer(Kernel kernel, KernelFunction summarize, ILogger<ReleaseNotesSummarizer> logger)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _summarize = summarize ?? throw new ArgumentNullException(nameof(summarize));
        _logger = logger;
    }

    public async Task<string> SummarizeAsync(string releaseNotes, string audience, CancellationToken cancellationToken = default)
    {
        _retryCount = 0;
        var arguments = new KernelArguments
        {
            ["notes"] = releaseNotes,
            ["audience"] = audience,
            ["maxWords"] = 150,
        };

        while (_retryCount < MaxRetries)
        {
            try
            {
                FunctionResult result = await _kernel.InvokeAsync(_summarize, arguments, cancellationToken);
                var summary = result.GetValue<string>();
                _logger.LogInformation("Summarized {Length} chars of release notes for {Audience}", releaseNotes.Length, audience);
                return summary ?? string.Empty;
            }
            catch (HttpOperationException ex)
            {
                _retryCount++;
                _logger.LogWarning(ex,
                    "Summarization call failed with {StatusCode} (attempt {Attempt}/{MaxRetries})",
                    ex.StatusCode, _retryCount, MaxRetries);
                await Task.Delay(3000, cancellationToken);
            }
        }

        throw new InvalidOperationException($"Release-notes summarization failed after {MaxRetries} attempts.");
    }
}
