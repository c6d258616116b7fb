using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>TR0005: no wait, a constant wait or a linearly growing one (a schedule, randomness or Retry-After is fine).</summary>
    internal sealed class TR0005NoExponentialBackoff : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0005NoExponentialBackoff;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            if (loop.Kind != RetryLoopKind.Retry || (loop.WaitsOnEveryRetry && loop.Wait.BacksOff))
            {
                return;
            }

            string what;
            if (!loop.WaitsOnEveryRetry)
            {
                what = "does not wait";
            }
            else if (loop.Wait.Growth == Growth.Linear)
            {
                what = "waits a linearly growing delay";
            }
            else if (loop.Wait.Growth == Growth.Polynomial)
            {
                what = "waits a polynomially growing delay";
            }
            else
            {
                what = "waits a constant delay";
            }

            report(Diagnostic.Create(Descriptor, loop.Location, what));
        }
    }
}
