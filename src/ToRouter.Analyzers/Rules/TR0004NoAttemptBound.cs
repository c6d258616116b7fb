using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>TR0004: no path of repeated failure leaves through an attempt count or deadline.</summary>
    internal sealed class TR0004NoAttemptBound : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0004NoAttemptBound;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            if (loop.Kind == RetryLoopKind.Retry && !loop.IsBounded)
            {
                report(Diagnostic.Create(Descriptor, loop.Location));
            }
        }
    }
}
