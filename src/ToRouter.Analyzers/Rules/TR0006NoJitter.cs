using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>TR0006: exponential backoff whose delay is a pure function of the attempt number.</summary>
    internal sealed class TR0006NoJitter : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0006NoJitter;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            if (loop.Kind == RetryLoopKind.Retry && loop.WaitsOnEveryRetry
                && loop.Wait.Growth == Growth.Exponential && !loop.Wait.Jitter && !loop.Wait.Opaque)
            {
                report(Diagnostic.Create(Descriptor, loop.Location));
            }
        }
    }
}
