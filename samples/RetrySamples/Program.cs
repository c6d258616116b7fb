using System;
using System.Threading;
using System.Threading.Tasks;

namespace RetrySamples
{
    /// <summary>
    /// The sample exists to be built: <c>dotnet build samples/RetrySamples --no-incremental</c> prints
    /// the TR diagnostics for the loops in <c>BadLoops/</c>. Run it with TOROUTER_API_KEY (and
    /// optionally TOROUTER_BASE_URL, TOROUTER_MODEL) set to send one prompt through the canonical loop.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (Environment.GetEnvironmentVariable("TOROUTER_API_KEY") is null)
            {
                Console.WriteLine("RetrySamples is meant to be built, not run: see samples/README.md.");
                Console.WriteLine("Set TOROUTER_API_KEY (and TOROUTER_BASE_URL) to send one prompt through CanonicalRetry.");
                return 0;
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var canonical = new CanonicalRetry(Gateway.FromEnvironment());
            string prompt = args.Length > 0 ? string.Join(" ", args) : "Say hello in five words.";
            Console.WriteLine(await canonical.CompleteAsync(prompt, cts.Token));
            return 0;
        }
    }
}
