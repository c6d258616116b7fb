using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>
    /// TR0002: a 429 whose body says API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED goes round again.
    /// Checked after TR0001 and TR0003; a failover loop moving to the next key is right to do so.
    /// </summary>
    internal sealed class TR0002RetriesStickyQuota : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0002RetriesStickyQuota;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            if (loop.Kind != RetryLoopKind.Retry)
            {
                return;
            }

            foreach (var decision in loop.Decisions)
            {
                if (decision.RetriesStickyQuota && !decision.RetriesEverything && decision.RetriedClientErrors.IsEmpty)
                {
                    report(Diagnostic.Create(Descriptor, decision.Location, Describe.Decision(decision)));
                }
            }
        }
    }
}
