using System.Collections.Generic;

namespace ToRouter.Analyzers.Model
{
    /// <summary>
    /// One representative outcome of an attempt. The model walks a loop once per kind and asks
    /// "does this outcome go round again?" — the gateway's error taxonomy (SPEC §1) in enum form.
    /// </summary>
    public enum Failure
    {
        Success,        // 2xx
        Network,        // no response: connection refused/reset, DNS
        Timeout,        // a timeout the caller's token did not cause
        Canceled,       // the caller's own cancellation
        Other,          // not a transport failure at all: a bug, bad JSON, an argument error
        S400, S401, S402, S403, S404, S408, S409, S422,
        S429,           // per-key rate limit: retryable with backoff
        S429Sticky,     // API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota: terminal
        S500, S502, S503, S504,
    }

    /// <summary>A set of <see cref="Failure"/> kinds as a bit mask.</summary>
    public readonly struct FailureSet
    {
        public FailureSet(uint bits) => Bits = bits;

        public uint Bits { get; }

        public static FailureSet Empty => default;

        public static FailureSet All => new FailureSet((1u << (int)Failure.S504 + 1) - 1);

        public static FailureSet AllFailures => All.Without(Failure.Success);

        public static FailureSet Statuses => new FailureSet(All.Bits & ~Of(Failure.Success, Failure.Network, Failure.Timeout, Failure.Canceled, Failure.Other).Bits);

        public static FailureSet ClientErrors => Of(Failure.S400, Failure.S401, Failure.S402, Failure.S403, Failure.S404);

        public static FailureSet RateLimits => Of(Failure.S429, Failure.S429Sticky);

        public bool IsEmpty => Bits == 0;

        public static FailureSet Of(params Failure[] kinds)
        {
            uint bits = 0;
            foreach (var kind in kinds)
            {
                bits |= 1u << (int)kind;
            }

            return new FailureSet(bits);
        }

        public bool Contains(Failure kind) => (Bits & (1u << (int)kind)) != 0;

        public FailureSet With(Failure kind) => new FailureSet(Bits | (1u << (int)kind));

        public FailureSet Without(Failure kind) => new FailureSet(Bits & ~(1u << (int)kind));

        public FailureSet Union(FailureSet other) => new FailureSet(Bits | other.Bits);

        public FailureSet Intersect(FailureSet other) => new FailureSet(Bits & other.Bits);

        public IEnumerable<Failure> Kinds()
        {
            for (var kind = Failure.Success; kind <= Failure.S504; kind++)
            {
                if (Contains(kind))
                {
                    yield return kind;
                }
            }
        }
    }

    public static class FailureFacts
    {
        /// <summary>The HTTP status an attempt with this outcome carries, or null when no response came back.</summary>
        public static int? Status(Failure kind)
        {
            switch (kind)
            {
                case Failure.Success: return 200;
                case Failure.S400: return 400;
                case Failure.S401: return 401;
                case Failure.S402: return 402;
                case Failure.S403: return 403;
                case Failure.S404: return 404;
                case Failure.S408: return 408;
                case Failure.S409: return 409;
                case Failure.S422: return 422;
                case Failure.S429:
                case Failure.S429Sticky: return 429;
                case Failure.S500: return 500;
                case Failure.S502: return 502;
                case Failure.S503: return 503;
                case Failure.S504: return 504;
                default: return null;
            }
        }

        public static bool IsStatus(Failure kind) => Status(kind) != null && kind != Failure.Success;
    }
}
