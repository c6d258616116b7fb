// lang: latest
// expect: flagged
// shape: Semantic Kernel IFunctionInvocationFilter that retries next(context): do { try { await next(context); return; } catch (Exception ex) { LogWarning } } while (++count < _times) with no wait between tries; every failure kind is re-run (400/401, sticky quota 429s) and when the tries run out the filter simply returns, leaving context.Result unset and the last exception swallowed
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N193
{
    internal sealed class FunctionInvocationRetryFilter : IFunctionInvocationFilter
    {
        private readonly ILogger _logger;
        private readonly ushort _times;

        public FunctionInvocationRetryFilter(ILogger logger, ushort times = 3)
        {
            _logger = logger;
            _times = times;
        }

        public async Task OnFunctionInvocationAsync(
            FunctionInvocationContext context,
            Func<FunctionInvocationContext, Task> next)
        {
            ushort count = 0;
            do
            {
                try
                {
                    await next(context);
                    return;
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "{Plugin}.{Function} failed (try {Try} of {Times})",
                        context.Function.PluginName, context.Function.Name, count + 1, _times);
                }
            } while (++count < _times);
        }
    }

    public static class KernelSetup
    {
        public static Kernel AddInvocationRetries(this Kernel kernel, ILoggerFactory loggerFactory)
        {
            var logger = loggerFactory.CreateLogger("Kernel.Retry");
            kernel.FunctionInvocationFilters.Add(new FunctionInvocationRetryFilter(logger));
            return kernel;
        }
    }
}
