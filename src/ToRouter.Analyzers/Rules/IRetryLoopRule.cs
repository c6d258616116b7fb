using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>A rule is a short reader of the <see cref="RetryLoop"/> model.</summary>
    internal interface IRetryLoopRule
    {
        DiagnosticDescriptor Descriptor { get; }

        void Analyze(RetryLoop loop, Action<Diagnostic> report);
    }
}
