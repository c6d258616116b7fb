using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ToRouter.Analyzers.CodeFixes.BackoffRewrite;

namespace ToRouter.Analyzers.CodeFixes.SmallFixes
{
    /// <summary>TR0007: replaces <c>Thread.Sleep(x);</c> in an async retry loop with <c>await Task.Delay(x, token);</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTaskDelayCodeFixProvider)), Shared]
    public sealed class UseTaskDelayCodeFixProvider : SmallLoopFix
    {
        public const string Key = "TR.UseTaskDelay";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TR0007");

        protected override string Title => "Use 'await Task.Delay' instead of 'Thread.Sleep'";

        protected override string EquivalenceKey => Key;

        internal override IEnumerable<DocumentRewriter.Edit> Plan(SemanticModel model, StatementSyntax loop, TorouterOptions options, CancellationToken cancellationToken)
        {
            if (!ToRouter.Analyzers.Model.RetryRegion.IsInAsyncFunction(loop))
            {
                yield break;
            }

            var token = LoopFacts.CancellationTokenInScope(model, loop);
            var configureAwait = LoopFacts.UsesConfigureAwaitFalse(loop) ? ".ConfigureAwait(false)" : "";
            foreach (var statement in LoopFacts.OwnNodes(loop).OfType<ExpressionStatementSyntax>())
            {
                if (!(statement.Expression is InvocationExpressionSyntax call) || !WaitDetector.IsThreadSleep(model, call, cancellationToken)
                    || call.ArgumentList.Arguments.Count != 1)
                {
                    continue;
                }

                var argument = call.ArgumentList.Arguments[0].Expression;
                var generated = new List<TextSpan>();
                var text = LoopFacts.ReplaceInText(statement, new[]
                {
                    (call.Span, new[] { "await System.Threading.Tasks.Task.Delay(", argument.ToString(), (token == null ? "" : ", " + token) + ")" + configureAwait }),
                }, generated);
                yield return new DocumentRewriter.Edit(statement, text, generated, new SyntaxNode[0]);
            }
        }
    }
}
