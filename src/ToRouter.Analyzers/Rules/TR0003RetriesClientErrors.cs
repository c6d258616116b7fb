using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>TR0003: 400–404 go round again (checked after TR0001: one diagnostic per catch).</summary>
    internal sealed class TR0003RetriesClientErrors : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0003RetriesClientErrors;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            foreach (var decision in loop.Decisions)
            {
                var clientErrors = decision.RetriedClientErrors;
                if (!decision.RetriesEverything && !clientErrors.IsEmpty)
                {
                    report(Diagnostic.Create(Descriptor, decision.Location, Describe.Decision(decision), Describe.Statuses(clientErrors)));
                }
            }
        }
    }
}
