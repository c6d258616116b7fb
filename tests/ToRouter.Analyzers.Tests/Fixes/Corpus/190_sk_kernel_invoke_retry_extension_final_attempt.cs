// lang: latest
// expect: flagged
// shape: Semantic Kernel extension InvokeWithRetryAsync(this Kernel, KernelFunction, ...) with for (attempt < maxAttempts) and catch (Exception ex) when (IsTransient(ex)), where IsTransient is a switch expression matching HttpOperationException TooManyRequests or >= 500, HttpRequestException and TaskCanceledException; Console message, delayMs *= 2 with no jitter, final attempt after the loop; every 429 is retried without reading ResponseContent for sticky quota codes
using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Corpus.N190
{
    public static class KernelRetryExtensions
    {
        public static async Task<string> InvokeWithRetryAsync(
            this Kernel kernel,
            KernelFunction function,
            KernelArguments arguments,
            CancellationToken cancellationToken = default,
            int maxAttempts = 3)
        {
            if (kernel == null) throw new ArgumentNullException(nameof(kernel));
            int delayMs = 1000;

            for (int attempt = 1; attempt < maxAttempts; attempt++)
            {
                try
                {
                    var result = await kernel.InvokeAsync(function, arguments, cancellationToken);
                    return result.GetValue<string>();
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    Console.WriteLine($"{function.Name} failed (attempt {attempt}): {ex.Message}. Retrying in {delayMs}ms...");
                    await Task.Delay(delayMs, cancellationToken);
                    delayMs *= 2;
                }
            }

            // Final attempt - let exceptions bubble
            var last = await kernel.InvokeAsync(function, arguments, cancellationToken);
            return last.GetValue<string>();
        }

        private static bool IsTransient(Exception ex) => ex switch
        {
            HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests } => true,
            HttpOperationException { StatusCode: >= HttpStatusCode.InternalServerError } => true,
            HttpRequestException => true,
            TaskCanceledException => true,
            _ => false
        };
    }

    public sealed class TrailReviewSummarizer
    {
        private readonly Kernel _kernel;
        private readonly KernelFunction _summarize;

        public TrailReviewSummarizer(Kernel kernel, KernelFunction summarize)
        {
            _kernel = kernel;
            _summarize = summarize;
        }

        public Task<string> SummarizeAsync(string trailName, string reviews, CancellationToken ct = default)
        {
            var args = new KernelArguments
            {
                ["trail"] = trailName,
                ["reviews"] = reviews
            };
            return _kernel.InvokeWithRetryAsync(_summarize, args, ct);
        }
    }
}
