namespace RetrySamples
{
    /// <summary>
    /// One realistic, mistaken retry loop per rule, one rule per file (TR0001.cs … TR0008.cs).
    /// Each loop gets everything right except the mistake its rule is about, so the build shows
    /// that rule on it; samples/README.md lists what each method is expected to report.
    /// </summary>
    public sealed partial class BadLoops
    {
        private readonly Gateway _gateway;

        public BadLoops(Gateway gateway) => _gateway = gateway;
    }
}
