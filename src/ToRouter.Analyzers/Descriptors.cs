using Microsoft.CodeAnalysis;

namespace ToRouter.Analyzers
{
    /// <summary>The one registry of rule ids, titles, messages, severities and help links.</summary>
    public static class Descriptors
    {
        public const string Category = "Reliability";
        private const string HelpRoot = "https://github.com/torouter/ToRouter.Analyzers/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor TR0001RetriesEveryException = Create(
            "TR0001",
            "Retry loop retries every exception",
            "This catch retries every exception, including bugs and non-retryable API errors; catch only transient failures (network, timeouts, 408/429/5xx)",
            DiagnosticSeverity.Warning,
            "A retry loop that catches Exception (or uses a bare catch, or a filter that does not narrow the failure) retries programming errors, 401s and spent quotas as if they were transient, burning attempts and money.");

        public static readonly DiagnosticDescriptor TR0002RetriesStickyQuota = Create(
            "TR0002",
            "Retry loop retries sticky quota 429s",
            "This {0} retries HTTP 429 without treating API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED or insufficient_quota as terminal: a spent quota never clears by waiting",
            DiagnosticSeverity.Warning,
            "ToRouter answers 429 for three reasons. A per-key rate limit clears within seconds, but API_KEY_QUOTA_EXHAUSTED (spending cap) and USAGE_LIMIT_EXCEEDED (subscription window) are sticky: retrying them only adds load until the cap is raised or the window rolls over. Read the error body and stop on those codes.");

        public static readonly DiagnosticDescriptor TR0003RetriesClientErrors = Create(
            "TR0003",
            "Retry loop retries non-retryable client errors",
            "This {0} retries {1}, which will fail the same way every time; retry only 408, 429 and 5xx",
            DiagnosticSeverity.Warning,
            "400 (bad request), 401 (bad or disabled key), 402 (insufficient balance), 403 (expired key, access denied) and 404 (unknown model or path) do not change on a second try. Retrying them wastes attempts and delays the real error.");

        public static readonly DiagnosticDescriptor TR0004NoAttemptBound = Create(
            "TR0004",
            "Retry loop has no attempt bound",
            "This retry loop has no attempt bound: a failure that keeps happening makes it spin forever",
            DiagnosticSeverity.Warning,
            "A retry loop must give up after a fixed number of attempts (or a deadline) and let the last failure propagate; otherwise a persistent outage or a sticky quota keeps it calling forever.");

        public static readonly DiagnosticDescriptor TR0005NoExponentialBackoff = Create(
            "TR0005",
            "Retry loop does not back off exponentially",
            "This retry loop {0} between attempts; grow the delay exponentially (with jitter) so retries do not hammer a rate-limited or recovering gateway",
            DiagnosticSeverity.Warning,
            "Retrying immediately, after a constant delay or after a linearly growing delay keeps the request rate high exactly when the gateway asks clients to slow down. Exponential backoff with jitter, or the server's Retry-After, spreads retries out.");

        public static readonly DiagnosticDescriptor TR0006NoJitter = Create(
            "TR0006",
            "Exponential backoff without jitter",
            "This retry loop backs off exponentially but without random jitter: clients that failed together retry together",
            DiagnosticSeverity.Info,
            "Without a random component every client computes the same delays, so a burst of failures turns into synchronised bursts of retries. Add random jitter to the delay.");

        public static readonly DiagnosticDescriptor TR0007ThreadSleepInAsync = Create(
            "TR0007",
            "Thread.Sleep in an async retry loop",
            "This retry loop in an async function blocks a thread with Thread.Sleep; use 'await Task.Delay(…, cancellationToken)'",
            DiagnosticSeverity.Warning,
            "Thread.Sleep in async code blocks a thread-pool thread for the whole backoff and cannot be cancelled; await Task.Delay instead.");

        public static readonly DiagnosticDescriptor TR0008HidesLastFailure = Create(
            "TR0008",
            "Retry loop hides the last failure",
            "After the last attempt this retry loop {0} instead of letting the failure propagate",
            DiagnosticSeverity.Warning,
            "When every attempt fails, returning null, a default or a placeholder (or ending a void method with the work undone) hides the error from the caller, who cannot tell an outage or a spent quota from an empty answer. Throw, or rethrow the last failure.");

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description)
            => new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkUri(id));

        public static string HelpLinkUri(string id) => HelpRoot + id + ".md";
    }
}
