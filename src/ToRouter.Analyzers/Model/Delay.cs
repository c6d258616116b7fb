namespace ToRouter.Analyzers.Model
{
    /// <summary>How a wait grows from one attempt to the next.</summary>
    public enum Growth
    {
        None,
        Constant,
        Linear,
        Polynomial,
        Exponential,
    }

    /// <summary>What the model knows about a wait between attempts.</summary>
    public readonly struct Delay
    {
        public Delay(Growth growth, bool jitter = false, bool serverHint = false, bool schedule = false, bool opaque = false)
        {
            Growth = growth;
            Jitter = jitter;
            ServerHint = serverHint;
            Schedule = schedule;
            Opaque = opaque;
        }

        public static Delay NoWait => new Delay(Growth.None);

        public static Delay Constant => new Delay(Growth.Constant);

        public Growth Growth { get; }

        /// <summary>A random term (System.Random, RandomNumberGenerator).</summary>
        public bool Jitter { get; }

        /// <summary>The server's Retry-After (or retry-after-ms) drives the wait.</summary>
        public bool ServerHint { get; }

        /// <summary>An explicit table of delays indexed by the attempt.</summary>
        public bool Schedule { get; }

        /// <summary>Computed by code the model cannot see: it is given the benefit of the doubt.</summary>
        public bool Opaque { get; }

        /// <summary>Spreads retries out well enough for TR0005: exponential, random, a schedule or the server's hint.</summary>
        public bool BacksOff => Growth == Growth.Exponential || Jitter || ServerHint || Schedule || Opaque;

        public Delay Combine(Delay other) => new Delay(
            other.Growth > Growth ? other.Growth : Growth,
            Jitter || other.Jitter,
            ServerHint || other.ServerHint,
            Schedule || other.Schedule,
            Opaque || other.Opaque);

        public Delay WithGrowth(Growth growth) => new Delay(growth, Jitter, ServerHint, Schedule, Opaque);
    }
}
