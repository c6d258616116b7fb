using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.EndToEnd.Infrastructure;

namespace ToRouter.Analyzers.EndToEnd.Scenarios
{
    /// <summary>What one original loop does against one script (measured, then frozen here).</summary>
    public sealed class Expect
    {
        private Expect(RunEnd end, int? requests, int? minRequests, int? status, bool nullValue, bool cancelled)
        {
            End = end;
            Requests = requests;
            MinRequests = minRequests;
            Status = status;
            NullValue = nullValue;
            Cancelled = cancelled;
        }

        public RunEnd End { get; }
        public int? Requests { get; }
        public int? MinRequests { get; }
        public int? Status { get; }
        public bool NullValue { get; }
        public bool Cancelled { get; }

        /// <summary>Never gives up: still asking at the script's cap.</summary>
        public static Expect NeverGivesUp => new(RunEnd.CutAtCap, Scenarios.Cap, null, null, false, false);

        public static Expect Succeeds(int requests) => new(RunEnd.Returned, requests, null, null, false, false);

        /// <summary>Returns null after <paramref name="requests"/>: the failure is hidden.</summary>
        public static Expect ReturnsNull(int requests) => new(RunEnd.Returned, requests, null, null, true, false);

        /// <summary>Throws after <paramref name="requests"/>; <paramref name="status"/> null means no HTTP status (network failure).</summary>
        public static Expect Throws(int requests, int? status) => new(RunEnd.Threw, requests, null, status, false, false);

        /// <summary>Stopped by the caller's cancellation after at least <paramref name="minRequests"/> requests.</summary>
        public static Expect StoppedByCancel(int minRequests) => new(RunEnd.Threw, null, minRequests, null, false, true);

        public override string ToString()
        {
            var n = Requests.HasValue ? Requests.Value.ToString() : "≥" + MinRequests;
            return End switch
            {
                RunEnd.CutAtCap => "never gives up (cut at " + Requests + ")",
                RunEnd.Returned => NullValue ? "returns null after " + n : "succeeds after " + n,
                _ => Cancelled ? "stopped by cancellation after " + n : "throws " + (Status?.ToString() ?? "(no status)") + " after " + n,
            };
        }
    }

    /// <summary>A client family: its wire shape, its realistic bad loop and how its failures look.</summary>
    public sealed class Family
    {
        public string Name { get; init; }
        public int Order { get; init; }
        public Wire Wire { get; init; }
        /// <summary>The hand-written bad loop (SPEC §1), with waits shortened to 15 ms.</summary>
        public string OriginalSource { get; init; }
        public string OriginalDescription { get; init; }
        public Func<ReferenceSet> References { get; init; }
        public LanguageVersion LanguageVersion { get; init; }
        /// <summary>False where the SDK's exception carries no response headers (Anthropic), so Retry-After cannot be honoured.</summary>
        public bool ExposesRetryAfter { get; init; } = true;
        /// <summary>Full name of the exception type (or a base of it) an HTTP failure surfaces as.</summary>
        public string FailureExceptionType { get; init; }
        /// <summary>A part of the request path the client must use.</summary>
        public string PathSuffix { get; init; }
        public IReadOnlyDictionary<string, Expect> OriginalBehaviour { get; init; }

        public override string ToString() => Name;

        /// <summary>True when <paramref name="e"/> is (derived from) <see cref="FailureExceptionType"/>.</summary>
        public bool IsFailureException(Exception e)
        {
            for (var t = e?.GetType(); t != null; t = t.BaseType)
            {
                if (t.FullName == FailureExceptionType)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The same expectation for every scenario, with overrides.</summary>
        public static IReadOnlyDictionary<string, Expect> Behaviour(Expect persistentFailure, params (Scenario Scenario, Expect Expect)[] overrides)
        {
            var map = new Dictionary<string, Expect>
            {
                [Scenarios.StickyKeyQuota.Id] = persistentFailure,
                [Scenarios.StickyUsageLimit.Id] = persistentFailure,
                [Scenarios.InvalidKey.Id] = persistentFailure,
                [Scenarios.PaymentRequired.Id] = persistentFailure,
                [Scenarios.Forbidden.Id] = persistentFailure,
                [Scenarios.ModelNotFound.Id] = persistentFailure,
                [Scenarios.PersistentUnavailable.Id] = persistentFailure,
                [Scenarios.BackoffShape.Id] = persistentFailure,
                [Scenarios.RateLimitThenOk.Id] = Expect.Succeeds(3),
                [Scenarios.GatewayErrorsThenOk.Id] = Expect.Succeeds(4),
                [Scenarios.DroppedThenOk.Id] = Expect.Succeeds(2),
                [Scenarios.RetryAfter.Id] = Expect.Succeeds(2),
                [Scenarios.CancelDuringWait.Id] = Expect.StoppedByCancel(1), // how many depends on the machine: it hammers every 15 ms until the cancel
            };
            foreach (var (scenario, expect) in overrides)
            {
                map[scenario.Id] = expect;
            }

            if (map.Count != Scenarios.All.Count || Scenarios.All.Any(s => !map.ContainsKey(s.Id)))
            {
                throw new InvalidOperationException("Every scenario needs an expectation.");
            }

            return map;
        }
    }
}
