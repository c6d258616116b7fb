using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ToRouter.Analyzers.Model;
using ToRouter.Analyzers.Rules;

namespace ToRouter.Analyzers
{
    /// <summary>
    /// Finds retry loops (while/do/for/foreach, goto retries, self-recursive retries), builds one
    /// <see cref="RetryLoop"/> model per loop, and lets each rule TR0001–TR0008 read it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetryLoopAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>In order: one catch gets at most one of TR0001, TR0003, TR0002.</summary>
        private static readonly ImmutableArray<IRetryLoopRule> Rules = ImmutableArray.Create<IRetryLoopRule>(
            new TR0001RetriesEveryException(),
            new TR0003RetriesClientErrors(),
            new TR0002RetriesStickyQuota(),
            new TR0004NoAttemptBound(),
            new TR0005NoExponentialBackoff(),
            new TR0006NoJitter(),
            new TR0007ThreadSleepInAsync(),
            new TR0008HidesLastFailure());

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            Rules.Select(r => r.Descriptor).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = KnownTypes.Create(start.Compilation);
                if (types == null)
                {
                    return;
                }

                var options = new ConcurrentDictionary<SyntaxTree, TorouterOptions>();
                TorouterOptions OptionsFor(SyntaxTree tree) => options.GetOrAdd(tree, t => TorouterOptions.Read(start.Options.AnalyzerConfigOptionsProvider, t));

                start.RegisterSyntaxNodeAction(
                    c =>
                    {
                        var loop = (StatementSyntax)c.Node;
                        if (RetryRegion.MightRetry(loop) && RetryRegion.ForLoop(loop) is RetryRegion region)
                        {
                            Analyze(c, types, OptionsFor(c.Node.SyntaxTree), region);
                        }
                    },
                    RetryRegion.LoopKinds);

                start.RegisterSyntaxNodeAction(
                    c =>
                    {
                        var label = (LabeledStatementSyntax)c.Node;
                        if (HasGotoBack(label) && RetryRegion.ForLabel(label) is RetryRegion region && region.Statements.Any(RetryRegion.MightRetry))
                        {
                            Analyze(c, types, OptionsFor(c.Node.SyntaxTree), region);
                        }
                    },
                    SyntaxKind.LabeledStatement);

                start.RegisterSyntaxNodeAction(
                    c =>
                    {
                        if (RecursiveRegion(c) is RetryRegion region)
                        {
                            Analyze(c, types, OptionsFor(c.Node.SyntaxTree), region);
                        }
                    },
                    SyntaxKind.MethodDeclaration,
                    SyntaxKind.LocalFunctionStatement);
            });
        }

        private static void Analyze(SyntaxNodeAnalysisContext context, KnownTypes types, TorouterOptions options, RetryRegion region)
        {
            RetryLoop? loop;
            try
            {
                loop = RetryLoopBuilder.Build(context.SemanticModel, types, options, region, context.CancellationToken);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !IsDebugBuild)
            {
                // A shipped analyzer never breaks a build (AD0001) over code it does not understand.
                return;
            }

            if (loop == null)
            {
                return;
            }

            foreach (var rule in Rules)
            {
                rule.Analyze(loop, context.ReportDiagnostic);
            }
        }

#if DEBUG
        private const bool IsDebugBuild = true;
#else
        private const bool IsDebugBuild = false;
#endif

        /// <summary><c>retry:</c> followed, later in the same block, by <c>goto retry;</c>.</summary>
        private static bool HasGotoBack(LabeledStatementSyntax label)
        {
            if (!(label.Parent is BlockSyntax block))
            {
                return false;
            }

            var name = label.Identifier.ValueText;
            foreach (var statement in block.Statements.SkipWhile(s => s != label))
            {
                foreach (var jump in statement.DescendantNodesAndSelf().OfType<GotoStatementSyntax>())
                {
                    if (jump.Expression is IdentifierNameSyntax target && target.Identifier.ValueText == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A method or local function that calls itself from a catch or after a status check.</summary>
        private static RetryRegion? RecursiveRegion(SyntaxNodeAnalysisContext context)
        {
            BlockSyntax? body;
            string name;
            var isExtension = false;
            switch (context.Node)
            {
                case MethodDeclarationSyntax method:
                    body = method.Body;
                    name = method.Identifier.ValueText;
                    isExtension = RetryRegion.IsExtensionMethod(method);
                    break;
                case LocalFunctionStatementSyntax local:
                    body = local.Body;
                    name = local.Identifier.ValueText;
                    break;
                default:
                    return null;
            }

            if (body == null || !RetryRegion.MightRetry(body))
            {
                return null;
            }

            var candidates = RetryRegion.CallsByName(body, name, isExtension).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            var self = context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken);
            var recursive = candidates
                .Where(i => SymbolEqualityComparer.Default.Equals(
                    context.SemanticModel.GetSymbolInfo(i, context.CancellationToken).Symbol is IMethodSymbol called ? (called.ReducedFrom ?? called).OriginalDefinition : null,
                    self?.OriginalDefinition))
                .ToImmutableArray();
            return RetryRegion.ForRecursion(context.Node, body, recursive);
        }
    }
}
