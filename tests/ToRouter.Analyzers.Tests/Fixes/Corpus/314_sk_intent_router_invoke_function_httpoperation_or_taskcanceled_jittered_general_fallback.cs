// lang: latest
// expect: flagged
// shape: Semantic Kernel intent router invokes the Routing.ClassifyIntent prompt function in a while(!classified && attempt < 4) loop whose catch takes any HttpOperationException or TaskCanceledException (so 401/403/404 and sticky quota 429s are retried too) with jittered exponential delay, and when the attempts run out it routes to the "general" queue instead of throwing.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N314
{
    public static class Intents
    {
        public const string Billing = "billing";
        public const string Shipping = "shipping";
        public const string Returns = "returns";
        public const string TechnicalIssue = "technical";
        public const string General = "general";

        public static readonly string[] All = { Billing, Shipping, Returns, TechnicalIssue, General };
    }

    public class IntentRouter
    {
        private static readonly Random Jitter = new();

        private readonly Kernel _kernel;
        private readonly ILogger<IntentRouter> _logger;

        public IntentRouter(Kernel kernel, ILogger<IntentRouter> logger)
        {
            _kernel = kernel;
            _logger = logger;
        }

        public async Task<string> RouteAsync(string message, CancellationToken cancellationToken = default)
        {
            var args = new KernelArguments
            {
                ["labels"] = string.Join(", ", Intents.All),
                ["message"] = message,
            };

            string intent = Intents.General;
            bool classified = false;
            int attempt = 0;

            while (!classified && attempt < 4)
            {
                attempt++;
                try
                {
                    var raw = await _kernel.InvokeAsync<string>("Routing", "ClassifyIntent", args, cancellationToken);
                    var label = raw?.Trim().ToLowerInvariant();
                    intent = label is not null && Array.IndexOf(Intents.All, label) >= 0 ? label : Intents.General;
                    classified = true;
                }
                catch (Exception ex) when (ex is HttpOperationException || ex is TaskCanceledException)
                {
                    var delayMs = (int)(Math.Pow(2, attempt) * 300) + Jitter.Next(0, 400);
                    _logger.LogWarning(ex, "Intent classification attempt {Attempt} failed, retrying in {Delay} ms", attempt, delayMs);
                    await Task.Delay(delayMs, cancellationToken);
                }
            }

            if (!classified)
                _logger.LogError("Intent classification gave up after {Attempts} attempts; routing to {Queue}", attempt, Intents.General);

            return intent;
        }
    }
}
