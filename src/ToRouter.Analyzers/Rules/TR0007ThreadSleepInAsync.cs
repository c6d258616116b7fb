using System;
using Microsoft.CodeAnalysis;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>TR0007: Thread.Sleep between attempts inside an async function.</summary>
    internal sealed class TR0007ThreadSleepInAsync : IRetryLoopRule
    {
        public DiagnosticDescriptor Descriptor => Descriptors.TR0007ThreadSleepInAsync;

        public void Analyze(RetryLoop loop, Action<Diagnostic> report)
        {
            if (loop.Kind == RetryLoopKind.Retry && loop.BlocksThread)
            {
                report(Diagnostic.Create(Descriptor, loop.Location));
            }
        }
    }
}
