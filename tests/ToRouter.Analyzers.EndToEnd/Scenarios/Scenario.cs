using System;
using System.Collections.Generic;
using System.Linq;
using ToRouter.Analyzers.EndToEnd.Infrastructure;

namespace ToRouter.Analyzers.EndToEnd.Scenarios
{
    /// <summary>A server script plus what the fixed code must do against it.</summary>
    public sealed class Scenario
    {
        public string Id { get; init; }
        public string Title { get; init; }
        public string Description { get; init; }
        /// <summary>The requirement on fixed code, as the report states it.</summary>
        public string FixedMust { get; init; }
        public int Order { get; init; }
        public Func<Wire, Script> Script { get; init; }
        /// <summary>The .editorconfig options the fix is applied with.</summary>
        public FixOptions FixOptions { get; init; } = FixOptions.Default;
        public int? CancelAfterFirstRequestMs { get; init; }

        public override string ToString() => Id;
    }

    /// <summary>The scripts every family is run against (SPEC §1's table, one row each, plus timing).</summary>
    public static class Scenarios
    {
        /// <summary>Answers past this many are held: a loop still asking then never gives up.</summary>
        public const int Cap = 8;

        public static readonly Scenario StickyKeyQuota = new()
        {
            Id = "sticky-key-quota-429",
            Order = 1,
            Title = "429 API_KEY_QUOTA_EXHAUSTED",
            Description = "every request gets 429 with error.type API_KEY_QUOTA_EXHAUSTED (the key's spending cap: sticky)",
            FixedMust = "1 request; the SDK's 429 error reaches the caller",
            Script = w => new Script(new[] { w.KeyQuotaExhausted() }, Cap),
        };

        public static readonly Scenario StickyUsageLimit = new()
        {
            Id = "sticky-usage-limit-429",
            Order = 2,
            Title = "429 USAGE_LIMIT_EXCEEDED",
            Description = "every request gets 429 with USAGE_LIMIT_EXCEEDED (subscription window cap: sticky)",
            FixedMust = "1 request; the SDK's 429 error reaches the caller",
            Script = w => new Script(new[] { w.UsageLimitExceeded() }, Cap),
        };

        public static readonly Scenario InvalidKey = new()
        {
            Id = "invalid-key-401",
            Order = 3,
            Title = "401 INVALID_API_KEY",
            Description = "every request gets 401 INVALID_API_KEY",
            FixedMust = "1 request; the 401 reaches the caller",
            Script = w => new Script(new[] { w.InvalidApiKey() }, Cap),
        };

        public static readonly Scenario PaymentRequired = new()
        {
            Id = "insufficient-balance-402",
            Order = 4,
            Title = "402 insufficient balance",
            Description = "every request gets 402 (pay-as-you-go balance spent)",
            FixedMust = "1 request; the 402 reaches the caller",
            Script = w => new Script(new[] { w.InsufficientBalance402() }, Cap),
        };

        public static readonly Scenario Forbidden = new()
        {
            Id = "insufficient-balance-403",
            Order = 5,
            Title = "403 INSUFFICIENT_BALANCE",
            Description = "every request gets 403 INSUFFICIENT_BALANCE",
            FixedMust = "1 request; the 403 reaches the caller",
            Script = w => new Script(new[] { w.InsufficientBalance403() }, Cap),
        };

        public static readonly Scenario ModelNotFound = new()
        {
            Id = "model-not-found-404",
            Order = 6,
            Title = "404 model not found",
            Description = "every request gets 404 (model not in the group's catalog)",
            FixedMust = "1 request; the 404 reaches the caller",
            Script = w => new Script(new[] { w.ModelNotFound() }, Cap),
        };

        public static readonly Scenario RateLimitThenOk = new()
        {
            Id = "rate-limit-then-ok",
            Order = 7,
            Title = "429 rate limit ×2, then 200",
            Description = "two per-key rate-limit 429s (retryable), then a valid completion",
            FixedMust = "3 requests; succeeds",
            Script = w => new Script(new[] { w.RateLimited(), w.RateLimited(), w.Ok() }, Cap),
        };

        public static readonly Scenario PersistentUnavailable = new()
        {
            Id = "persistent-503",
            Order = 8,
            Title = "503 forever",
            Description = "every request gets 503 (retryable, but it never recovers)",
            FixedMust = "exactly max_attempts (4) requests; the last 503 reaches the caller",
            Script = w => new Script(new[] { w.ServiceUnavailable() }, Cap),
        };

        public static readonly Scenario GatewayErrorsThenOk = new()
        {
            Id = "5xx-then-ok",
            Order = 9,
            Title = "500, 502 upstream_unavailable, 504, then 200",
            Description = "three different transient gateway errors, then a valid completion",
            FixedMust = "4 requests; succeeds",
            Script = w => new Script(new[] { w.InternalError(), w.UpstreamUnavailable(), w.GatewayTimeout(), w.Ok() }, Cap),
        };

        public static readonly Scenario DroppedThenOk = new()
        {
            Id = "dropped-connection-then-ok",
            Order = 10,
            Title = "connection dropped, then 200",
            Description = "the first connection is closed after the request without any response; then a valid completion",
            FixedMust = "2 requests; succeeds",
            Script = w => new Script(new[] { ScriptedResponse.Dropped(), w.Ok() }, Cap),
        };

        public static readonly Scenario RetryAfter = new()
        {
            Id = "retry-after",
            Order = 11,
            Title = "429 rate limit + Retry-After: 1, then 200",
            Description = "a rate-limit 429 carrying `Retry-After: 1`, then a valid completion; the fix runs with max_delay_ms = 2000 so the hint is under the cap",
            FixedMust = "2 requests, the second ≥ 1 s after the first (where the SDK exposes headers); succeeds",
            FixOptions = new FixOptions { BaseDelayMs = 20, MaxDelayMs = 2000, MaxAttempts = 4 },
            Script = w => new Script(new[] { w.RateLimited().WithHeader("Retry-After", "1"), w.Ok() }, Cap),
        };

        public static readonly Scenario BackoffShape = new()
        {
            Id = "backoff-shape",
            Order = 12,
            Title = "503 forever, timed (5 runs)",
            Description = "every request gets 503; the fixed code runs 5 times with base_delay_ms = 40, max_delay_ms = 400, max_attempts = 6 and the waits between arrivals are measured",
            FixedMust = "6 requests per run; wait k ≤ 1.25·min(400, 40·2^(k−1)) + 150 ms in ≥ 4 of 5 runs; one of the last two waits > 100 ms in ≥ 2 runs; jittered",
            FixOptions = new FixOptions { BaseDelayMs = 40, MaxDelayMs = 400, MaxAttempts = 6 },
            Script = w => new Script(new[] { w.ServiceUnavailable() }, Cap),
        };

        public static readonly Scenario CancelDuringWait = new()
        {
            Id = "cancel-during-wait",
            Order = 13,
            Title = "503 + Retry-After: 3, cancelled after 300 ms",
            Description = "every request gets 503 with `Retry-After: 3`; the caller's token is cancelled 300 ms after the first request; the fix runs with base_delay_ms = 3000, max_delay_ms = 5000",
            FixedMust = "an OperationCanceledException within 1 s of the cancel; no request after it",
            FixOptions = new FixOptions { BaseDelayMs = 3000, MaxDelayMs = 5000, MaxAttempts = 4 },
            CancelAfterFirstRequestMs = 300,
            Script = w => new Script(new[] { w.ServiceUnavailable().WithHeader("Retry-After", "3") }, cap: 60),
        };

        public static IReadOnlyList<Scenario> All { get; } = new[]
        {
            StickyKeyQuota, StickyUsageLimit, InvalidKey, PaymentRequired, Forbidden, ModelNotFound, RateLimitThenOk,
            PersistentUnavailable, GatewayErrorsThenOk, DroppedThenOk, RetryAfter, BackoffShape, CancelDuringWait,
        };

        public static Scenario Get(string id) => All.Single(s => s.Id == id);
    }
}
