using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>TR0008: after the last attempt the caller gets null, a default or a placeholder, or a void method just ends.</summary>
    internal sealed class TR0008HidesLastFailure : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0008HidesLastFailure;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            if (loop.Kind != RetryLoopKind.Retry || loop.LastFailure == LastFailure.Propagates)
            {
                return;
            }

            report(Diagnostic.Create(Descriptor, loop.Location, Describe.LastFailure(loop.LastFailure)));
        }
    }
}
