// lang: latest
// expect: flagged
// shape: Semantic Kernel function runner with a do/while done-flag loop that retries every HttpOperationException except 400 (so 401/403/404 and sticky quota 429s go round again) while a retry budget lasts, using capped, jittered exponential backoff.
#nullable enable
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N241
{
    public sealed class KernelRunnerOptions
    {
        public int MaxRetries { get; set; } = 4;
        public double BaseDelayMs { get; set; } = 1000;
        public double MaxDelayMs { get; set; } = 30000;
    }

    public sealed class KernelFunctionRunner
    {
        private static readonly Random Jitter = new();

        private readonly Kernel _kernel;
        private readonly KernelRunnerOptions _options;
        private readonly ILogger _logger;

        public KernelFunctionRunner(Kernel kernel, KernelRunnerOptions options, ILogger<KernelFunctionRunner> logger)
        {
            _kernel = kernel;
            _options = options;
            _logger = logger;
        }

        public async Task<FunctionResult> RunAsync(KernelFunction function, KernelArguments arguments, CancellationToken cancellationToken = default)
        {
            FunctionResult? result = null;
            int retriesLeft = _options.MaxRetries;
            int attempt = 0;
            bool done = false;

            do
            {
                try
                {
                    result = await function.InvokeAsync(_kernel, arguments, cancellationToken);
                    done = true;
                }
                catch (HttpOperationException ex) when (ex.StatusCode != HttpStatusCode.BadRequest && retriesLeft > 0)
                {
                    retriesLeft--;
                    var ceiling = Math.Min(_options.MaxDelayMs, _options.BaseDelayMs * Math.Pow(2, attempt));
                    var sleep = TimeSpan.FromMilliseconds(Jitter.NextDouble() * ceiling);
                    _logger.LogWarning("{Function} failed with {Status}; {Left} retries left, waiting {Sleep}",
                        function.Name, ex.StatusCode, retriesLeft, sleep);
                    await Task.Delay(sleep, cancellationToken);
                }
                attempt++;
            } while (!done);

            _logger.LogDebug("{Function} completed after {Attempts} attempt(s)", function.Name, attempt);
            return result!;
        }
    }
}
