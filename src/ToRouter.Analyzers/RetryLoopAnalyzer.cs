using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ToRouter.Analyzers
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetryLoopAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.TR0001RetriesEveryException, Descriptors.TR0002RetriesStickyQuota, Descriptors.TR0003RetriesClientErrors,
            Descriptors.TR0004NoAttemptBound, Descriptors.TR0005NoExponentialBackoff, Descriptors.TR0006NoJitter,
            Descriptors.TR0007ThreadSleepInAsync, Descriptors.TR0008HidesLastFailure);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }
}
