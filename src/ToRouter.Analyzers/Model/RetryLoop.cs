using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ToRouter.Analyzers.Model
{
    public enum RetryLoopKind
    {
        /// <summary>Attempts the same operation again after a failure.</summary>
        Retry,

        /// <summary>A foreach over keys / endpoints / clients whose attempt uses the iteration variable: moving on is correct.</summary>
        Failover,
    }

    /// <summary>
    /// A place that decides a failure goes round again: a catch clause, or the status condition
    /// whose failing branch loops. Lists the outcomes it retries with no user classification in the way.
    /// </summary>
    public sealed class RetryDecision
    {
        public RetryDecision(SyntaxNode node, Location location, bool isCatch, bool catchesEverything, FailureSet retried)
        {
            Node = node;
            Location = location;
            IsCatch = isCatch;
            CatchesEverything = catchesEverything;
            Retried = retried;
        }

        /// <summary>The catch clause or the condition expression.</summary>
        public SyntaxNode Node { get; }

        public Location Location { get; }

        public bool IsCatch { get; }

        /// <summary>A bare catch or catch (Exception).</summary>
        public bool CatchesEverything { get; }

        /// <summary>Outcomes this decision sends round again that no user classifier (helper, unknown predicate) vetted.</summary>
        public FailureSet Retried { get; }

        /// <summary>TR0001: a catch-all that retries even failures that are not transport failures at all.</summary>
        public bool RetriesEverything => IsCatch && CatchesEverything && Retried.Contains(Failure.Other);

        /// <summary>TR0003: 400, 401, 402, 403 or 404 go round again.</summary>
        public FailureSet RetriedClientErrors => Retried.Intersect(FailureSet.ClientErrors);

        /// <summary>TR0002: a 429 carrying a sticky quota code goes round again.</summary>
        public bool RetriesStickyQuota => Retried.Contains(Failure.S429Sticky);
    }

    /// <summary>How the last failure ends up when every attempt fails.</summary>
    public enum LastFailure
    {
        Propagates,
        ReturnsNull,
        ReturnsDefault,
        ReturnsPlaceholder,
        EndsVoidMethod,
    }

    /// <summary>
    /// What a retry loop does: the one model every rule reads (and every fix recomputes).
    /// </summary>
    public sealed class RetryLoop
    {
        public RetryLoop(
            RetryRegion region,
            RetryLoopKind kind,
            ImmutableArray<RetryDecision> decisions,
            bool isBounded,
            Delay wait,
            bool waitsOnEveryRetry,
            bool isAsync,
            bool blocksThread,
            LastFailure lastFailure)
        {
            Region = region;
            Kind = kind;
            Decisions = decisions;
            IsBounded = isBounded;
            Wait = wait;
            WaitsOnEveryRetry = waitsOnEveryRetry;
            IsAsync = isAsync;
            BlocksThread = blocksThread;
            LastFailure = lastFailure;
        }

        public RetryRegion Region { get; }

        public RetryLoopKind Kind { get; }

        /// <summary>Where loop-level diagnostics go: the loop keyword, the goto label, or the recursive call.</summary>
        public Location Location => RetryRegion.LocationOf(Region.ReportAt);

        public ImmutableArray<RetryDecision> Decisions { get; }

        /// <summary>Some path of repeated failure reaches a throw or return through an attempt count or deadline.</summary>
        public bool IsBounded { get; }

        /// <summary>The weakest wait on any retry path (combined growth and flags).</summary>
        public Delay Wait { get; }

        /// <summary>False when some retry path goes round without waiting at all.</summary>
        public bool WaitsOnEveryRetry { get; }

        /// <summary>The innermost enclosing function is async.</summary>
        public bool IsAsync { get; }

        /// <summary>Thread.Sleep (directly or through a helper that only sleeps) on a retry path.</summary>
        public bool BlocksThread { get; }

        public LastFailure LastFailure { get; }
    }
}
