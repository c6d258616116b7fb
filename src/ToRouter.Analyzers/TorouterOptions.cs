using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ToRouter.Analyzers
{
    /// <summary>
    /// The package options, read per syntax tree from .editorconfig / .globalconfig
    /// (<c>torouter.max_attempts = 6</c> and so on). Every option has a documented default.
    /// </summary>
    public sealed class TorouterOptions
    {
        public const int DefaultMaxAttempts = 6;
        public const int DefaultBaseDelayMs = 1000;
        public const int DefaultMaxDelayMs = 30000;

        /// <summary>The sticky codes the gateway (and OpenAI upstream) use for spent quotas: never retry them.</summary>
        public static readonly ImmutableArray<string> BuiltInStickyCodes =
            ImmutableArray.Create("API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", OpenAiQuotaCode);

        /// <summary>OpenAI's own spent-quota code, passed through from upstream; the gateway itself never sends it.</summary>
        private const string OpenAiQuotaCode = "insufficient_quota";

        public static readonly TorouterOptions Default = new TorouterOptions(
            DefaultMaxAttempts, DefaultBaseDelayMs, DefaultMaxDelayMs, BuiltInStickyCodes, ImmutableArray<string>.Empty);

        private TorouterOptions(int maxAttempts, int baseDelayMs, int maxDelayMs, ImmutableArray<string> stickyCodes, ImmutableArray<string> retryHelpers)
        {
            MaxAttempts = maxAttempts;
            BaseDelayMs = baseDelayMs;
            MaxDelayMs = maxDelayMs;
            StickyCodes = stickyCodes;
            GatewayStickyCodes = stickyCodes.Where(c => c != OpenAiQuotaCode).ToImmutableArray();
            RetryHelpers = retryHelpers;
        }

        /// <summary><c>torouter.max_attempts</c>: attempts a rewritten loop makes at most (default 6, at least 1).</summary>
        public int MaxAttempts { get; }

        /// <summary><c>torouter.base_delay_ms</c>: first backoff delay of a rewritten loop (default 1000).</summary>
        public int BaseDelayMs { get; }

        /// <summary><c>torouter.max_delay_ms</c>: cap on any single backoff delay (default 30000).</summary>
        public int MaxDelayMs { get; }

        /// <summary>Built-in sticky codes plus <c>torouter.sticky_codes</c> (comma- or space-separated).</summary>
        public ImmutableArray<string> StickyCodes { get; }

        /// <summary>
        /// The codes a check must stop on to count as treating sticky quotas as terminal: all but OpenAI's own
        /// <c>insufficient_quota</c>, which the gateway does not send (a loop that stops only on it retries the gateway's).
        /// </summary>
        public ImmutableArray<string> GatewayStickyCodes { get; }

        /// <summary><c>torouter.retry_helpers</c>: user methods (bare name or Namespace.Type.Method) that classify failures correctly.</summary>
        public ImmutableArray<string> RetryHelpers { get; }

        public static TorouterOptions Read(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
        {
            var options = provider.GetOptions(tree);
            var maxAttempts = ReadInt(options, "torouter.max_attempts", DefaultMaxAttempts, 1, 100);
            var baseDelay = ReadInt(options, "torouter.base_delay_ms", DefaultBaseDelayMs, 0, 3_600_000);
            var maxDelay = ReadInt(options, "torouter.max_delay_ms", DefaultMaxDelayMs, 0, 86_400_000);
            var sticky = ReadList(options, "torouter.sticky_codes");
            var helpers = ReadList(options, "torouter.retry_helpers");
            if (maxAttempts == DefaultMaxAttempts && baseDelay == DefaultBaseDelayMs && maxDelay == DefaultMaxDelayMs && sticky.IsEmpty && helpers.IsEmpty)
            {
                return Default;
            }

            return new TorouterOptions(maxAttempts, baseDelay, Math.Max(maxDelay, baseDelay), BuiltInStickyCodes.AddRange(sticky), helpers);
        }

        /// <summary>Whether <paramref name="method"/> is one of the configured retry helpers.</summary>
        public bool IsRetryHelper(IMethodSymbol method)
        {
            if (RetryHelpers.IsEmpty)
            {
                return false;
            }

            var qualified = method.ContainingType == null ? method.Name : method.ContainingType.ToDisplayString() + "." + method.Name;
            foreach (var name in RetryHelpers)
            {
                if (name == method.Name || name == qualified)
                {
                    return true;
                }
            }

            return false;
        }

        private static int ReadInt(AnalyzerConfigOptions options, string key, int fallback, int min, int max)
        {
            return options.TryGetValue(key, out var text)
                && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value >= min && value <= max
                ? value
                : fallback;
        }

        private static ImmutableArray<string> ReadList(AnalyzerConfigOptions options, string key)
        {
            if (!options.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            {
                return ImmutableArray<string>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in text.Split(new[] { ',', ' ', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Add(part.Trim());
            }

            return builder.ToImmutable();
        }
    }
}
