using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ToRouter.Analyzers.CodeFixes.SmallFixes
{
    /// <summary>
    /// TR0004: bounds an unbounded retry loop. <c>while (true)</c> becomes <c>for (int attempt = 1; ; attempt++)</c> and each
    /// retrying catch gets <c>when (attempt &lt; 6 &amp;&amp; ...)</c>, so after max_attempts the last failure propagates.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAttemptBoundCodeFixProvider)), Shared]
    public sealed class AddAttemptBoundCodeFixProvider : SmallLoopFix
    {
        public const string Key = "TR.AddAttemptBound";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TR0004");

        protected override string Title => "Bound the number of attempts";

        protected override string EquivalenceKey => Key;

        internal override IEnumerable<DocumentRewriter.Edit> Plan(SemanticModel model, StatementSyntax loop, TorouterOptions options, CancellationToken cancellationToken)
        {
            var none = Enumerable.Empty<DocumentRewriter.Edit>();
            var tryStatement = LoopFacts.AttemptedTry(loop);
            if (tryStatement == null || loop.ContainsDirectives || !LoopFacts.SuccessReturns(model, tryStatement, loop))
            {
                return none;
            }

            var retrying = LoopFacts.RetryingCatches(model, tryStatement);
            if (retrying.Count == 0)
            {
                return none;
            }

            var counter = LoopFacts.FreeName(model, loop, "attempt", "attemptNumber", "retryAttempt");
            if (counter == null)
            {
                return none;
            }

            var max = options.MaxAttempts.ToString(CultureInfo.InvariantCulture);
            var replacements = new List<(TextSpan, string[])>();
            switch (loop)
            {
                case WhileStatementSyntax whileLoop:
                    var condition = whileLoop.Condition.IsKind(SyntaxKind.TrueLiteralExpression) ? "" : whileLoop.Condition.ToString();
                    replacements.Add((TextSpan.FromBounds(whileLoop.WhileKeyword.SpanStart, whileLoop.CloseParenToken.Span.End),
                        new[] { "for (int " + counter + " = 1; " + condition + "; " + counter + "++)" }));
                    break;
                case ForStatementSyntax forLoop when forLoop.Declaration == null && forLoop.Initializers.Count == 0 && forLoop.Incrementors.Count == 0:
                    replacements.Add((TextSpan.FromBounds(forLoop.OpenParenToken.Span.End, forLoop.CloseParenToken.SpanStart),
                        new[] { "int " + counter + " = 1; " + (forLoop.Condition == null ? "" : forLoop.Condition.ToString()) + "; " + counter + "++" }));
                    break;
                case DoStatementSyntax doLoop when doLoop.Condition.IsKind(SyntaxKind.TrueLiteralExpression) && doLoop.Statement is BlockSyntax:
                    replacements.Add((TextSpan.FromBounds(doLoop.DoKeyword.SpanStart, doLoop.DoKeyword.Span.End), new[] { "for (int " + counter + " = 1; ; " + counter + "++)" }));
                    replacements.Add((TextSpan.FromBounds(doLoop.Statement.Span.End, doLoop.SemicolonToken.Span.End), new[] { "" }));
                    break;
                default:
                    return none;
            }

            foreach (var clause in retrying)
            {
                var bound = counter + " < " + max;
                if (clause.Filter == null)
                {
                    var after = clause.Declaration != null ? clause.Declaration.Span.End : clause.CatchKeyword.Span.End;
                    replacements.Add((new TextSpan(after, 0), new[] { " when (" + bound + ")" }));
                }
                else
                {
                    var inner = clause.Filter.FilterExpression;
                    var needsParens = inner is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.LogicalOrExpression) || inner is ConditionalExpressionSyntax;
                    replacements.Add((new TextSpan(inner.SpanStart, 0), new[] { bound + " && " + (needsParens ? "(" : "") }));
                    if (needsParens)
                    {
                        replacements.Add((new TextSpan(inner.Span.End, 0), new[] { ")" }));
                    }
                }
            }

            var generated = new List<TextSpan>();
            var text = LoopFacts.ReplaceInText(loop, replacements, generated);
            return new[] { new DocumentRewriter.Edit(loop, text, generated, new SyntaxNode[0]) };
        }
    }
}
