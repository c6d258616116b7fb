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
    /// <summary>TR0006: wraps the delay of each wait in the loop in <c>WithJitter(...)</c>, a helper that randomises it between half and all of its value.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJitterCodeFixProvider)), Shared]
    public sealed class AddJitterCodeFixProvider : SmallLoopFix
    {
        public const string Key = "TR.AddJitter";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TR0006");

        protected override string Title => "Add random jitter to the backoff";

        protected override string EquivalenceKey => Key;

        internal override IEnumerable<DocumentRewriter.Edit> Plan(SemanticModel model, StatementSyntax loop, TorouterOptions options, CancellationToken cancellationToken)
        {
            var type = loop.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type == null || type is InterfaceDeclarationSyntax)
            {
                yield break;
            }

            foreach (var statement in LoopFacts.OwnNodes(loop).OfType<StatementSyntax>().Where(s => !(s is BlockSyntax)))
            {
                var waits = statement.DescendantNodes(n => n == statement || !(n is StatementSyntax)).OfType<InvocationExpressionSyntax>()
                    .Where(i => WaitDetector.IsWaitCall(model, i, cancellationToken) && i.ArgumentList.Arguments.Count > 0)
                    .ToList();
                if (waits.Count == 0)
                {
                    continue;
                }

                var helpers = new HashSet<RetryHelper> { RetryHelper.RetryRandom };
                var replacements = new List<(TextSpan, string[])>();
                foreach (var wait in waits)
                {
                    var argument = wait.ArgumentList.Arguments[0].Expression;
                    var parameter = (model.GetSymbolInfo(wait, cancellationToken).Symbol as IMethodSymbol)?.Parameters.FirstOrDefault()?.Type.ToDisplayString();
                    if (argument is InvocationExpressionSyntax inner && inner.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == "WithJitter")
                    {
                        continue;
                    }

                    if (parameter == "int")
                    {
                        helpers.Add(RetryHelper.WithJitterMilliseconds);
                    }
                    else if (parameter == "System.TimeSpan")
                    {
                        helpers.Add(RetryHelper.WithJitterTimeSpan);
                    }
                    else
                    {
                        continue;
                    }

                    replacements.Add((argument.Span, new[] { "WithJitter(", argument.ToString(), ")" }));
                }

                if (replacements.Count == 0)
                {
                    continue;
                }

                var generated = new List<TextSpan>();
                var text = LoopFacts.ReplaceInText(statement, replacements, generated);
                var edit = new DocumentRewriter.Edit(statement, text, generated, new SyntaxNode[0]);
                edit.Helpers[type] = helpers;
                yield return edit;
            }
        }
    }
}
