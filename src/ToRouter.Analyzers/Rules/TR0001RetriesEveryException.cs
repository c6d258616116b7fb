using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>TR0001: a catch-all (bare, Exception, or a filter that does not narrow) sends any failure round again.</summary>
    internal sealed class TR0001RetriesEveryException : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0001RetriesEveryException;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            foreach (var decision in loop.Decisions)
            {
                if (decision.RetriesEverything)
                {
                    report(Diagnostic.Create(Descriptor, decision.Location));
                }
            }
        }
    }
}
