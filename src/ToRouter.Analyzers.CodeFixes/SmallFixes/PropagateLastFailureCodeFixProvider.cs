using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
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
    /// TR0008: lets the last failure propagate. The loop's bound moves from the loop condition into the retrying catch's
    /// exception filter, so the last attempt's exception is never caught (original object and stack), and the placeholder
    /// return after the loop, now unreachable, goes away:
    /// <c>for (int i = 0; i &lt; 3; i++) { try { return Call(); } catch (IOException) { ... } } return null;</c> becomes
    /// <c>for (int i = 0; ; i++) { try { return Call(); } catch (IOException) when (i + 1 &lt; 3) { ... } }</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PropagateLastFailureCodeFixProvider)), Shared]
    public sealed class PropagateLastFailureCodeFixProvider : SmallLoopFix
    {
        public const string Key = "TR.PropagateLastFailure";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TR0008");

        protected override string Title => "Let the last failure propagate";

        protected override string EquivalenceKey => Key;

        internal override IEnumerable<DocumentRewriter.Edit> Plan(SemanticModel model, StatementSyntax loop, TorouterOptions options, CancellationToken cancellationToken)
        {
            var condition = LoopFacts.Condition(loop);
            var tryStatement = LoopFacts.AttemptedTry(loop);
            if (condition == null || condition.IsKind(SyntaxKind.TrueLiteralExpression) || tryStatement == null || !(loop.Parent is BlockSyntax block)
                || !LoopFacts.SuccessReturns(model, tryStatement, loop) || loop.ContainsDirectives)
            {
                return Enumerable.Empty<DocumentRewriter.Edit>();
            }

            var retrying = LoopFacts.RetryingCatches(model, tryStatement);
            if (retrying.Count == 0 || retrying.Any(c => LoopFacts.HasJumpOutOf(c.Block, loop) && LoopFacts.OwnNodes(c.Block).OfType<BreakStatementSyntax>().Any()))
            {
                return Enumerable.Empty<DocumentRewriter.Edit>();
            }

            // The counter the condition tests, updated exactly once per failed attempt.
            var counters = condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Select(id => model.GetSymbolInfo(id, cancellationToken).Symbol).OfType<ILocalSymbol>()
                .Distinct<ILocalSymbol>(SymbolEqualityComparer.Default).ToList();
            if (counters.Count != 1 || condition.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax || n is AssignmentExpressionSyntax
                || n is PostfixUnaryExpressionSyntax || n is AwaitExpressionSyntax))
            {
                return Enumerable.Empty<DocumentRewriter.Edit>();
            }

            var counter = counters[0];
            var updates = LoopFacts.OwnNodes(loop).Where(n => IsUpdateOf(model, n, counter, cancellationToken)).ToList();
            if (updates.Count != 1 || tryStatement.Block.Span.Contains(updates[0].Span) || UnitStep(updates[0]) == null)
            {
                return Enumerable.Empty<DocumentRewriter.Edit>();
            }

            // The filter tests the counter as the loop condition would see it after this failure.
            var update = updates[0];
            var updatedAfterFilter = !(update.SpanStart < tryStatement.SpanStart && Body(loop)!.Span.Contains(update.Span));
            var delta = UnitStep(update)!;
            var filterCondition = updatedAfterFilter ? Substitute(model, condition, counter, delta, cancellationToken) : condition.ToString();

            // Statements after the loop become unreachable: only placeholders may be removed.
            var index = block.Statements.IndexOf(loop);
            var tail = block.Statements.Skip(index + 1).Where(s => !(s is LocalFunctionStatementSyntax)).ToList();
            if (tail.Any(s => !IsPlaceholder(model, s, cancellationToken) || s.DescendantTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))))
            {
                return Enumerable.Empty<DocumentRewriter.Edit>();
            }

            var replacements = new List<(TextSpan, string[])>();
            var header = RemoveCondition(loop, condition);
            replacements.Add(header);
            foreach (var clause in retrying)
            {
                if (clause.Filter == null)
                {
                    var after = clause.Declaration != null ? clause.Declaration.Span.End : clause.CatchKeyword.Span.End;
                    replacements.Add((new TextSpan(after, 0), new[] { " when (" + filterCondition + ")" }));
                }
                else
                {
                    var inner = clause.Filter.FilterExpression;
                    var needsParens = inner is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.LogicalOrExpression) || inner is ConditionalExpressionSyntax;
                    replacements.Add((new TextSpan(inner.Span.End, 0), new[] { (needsParens ? ")" : "") + " && " + filterCondition }));
                    if (needsParens)
                    {
                        replacements.Add((new TextSpan(inner.SpanStart, 0), new[] { "(" }));
                    }
                }
            }

            var generated = new List<TextSpan>();
            var text = LoopFacts.ReplaceInText(loop, replacements, generated);
            return new[] { new DocumentRewriter.Edit(loop, text, generated, tail) };
        }

        private static StatementSyntax? Body(StatementSyntax loop) => LoopFacts.Body(loop);

        private static (TextSpan, string[]) RemoveCondition(StatementSyntax loop, ExpressionSyntax condition)
            => loop is ForStatementSyntax
                ? (condition.Span, new[] { "" })
                : (condition.Span, new[] { "true" });

        /// <summary>Any write to the counter: ++, --, or an assignment.</summary>
        private static bool IsUpdateOf(SemanticModel model, SyntaxNode node, ILocalSymbol counter, CancellationToken cancellationToken)
        {
            ExpressionSyntax? target;
            switch (node)
            {
                case PostfixUnaryExpressionSyntax postfix: target = postfix.Operand; break;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression): target = prefix.Operand; break;
                case AssignmentExpressionSyntax assignment: target = assignment.Left; break;
                default: return false;
            }

            return target is IdentifierNameSyntax name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, counter);
        }

        /// <summary><c>+ 1</c> or <c>- 1</c> for a step of one; null for any other write.</summary>
        private static string? UnitStep(SyntaxNode update)
        {
            switch (update.Kind())
            {
                case SyntaxKind.PostIncrementExpression:
                case SyntaxKind.PreIncrementExpression:
                    return " + 1";
                case SyntaxKind.PostDecrementExpression:
                case SyntaxKind.PreDecrementExpression:
                    return " - 1";
                case SyntaxKind.AddAssignmentExpression when ((AssignmentExpressionSyntax)update).Right is LiteralExpressionSyntax one && one.Token.ValueText == "1":
                    return " + 1";
                case SyntaxKind.SubtractAssignmentExpression when ((AssignmentExpressionSyntax)update).Right is LiteralExpressionSyntax one && one.Token.ValueText == "1":
                    return " - 1";
                default:
                    return null;
            }
        }

        /// <summary>The condition with the counter replaced by <c>counter + 1</c> (or <c>- 1</c>).</summary>
        private static string Substitute(SemanticModel model, ExpressionSyntax condition, ILocalSymbol counter, string delta, CancellationToken cancellationToken)
        {
            var replacements = condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Where(id => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, cancellationToken).Symbol, counter))
                .Select(id =>
                {
                    var bare = id.Parent is BinaryExpressionSyntax binary && (binary.IsKind(SyntaxKind.LessThanExpression) || binary.IsKind(SyntaxKind.LessThanOrEqualExpression)
                        || binary.IsKind(SyntaxKind.GreaterThanExpression) || binary.IsKind(SyntaxKind.GreaterThanOrEqualExpression)
                        || binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression));
                    return (id.Span, new[] { bare ? id.Identifier.ValueText + delta : "(" + id.Identifier.ValueText + delta + ")" });
                });
            var text = LoopFacts.ReplaceInText(condition, replacements, new List<TextSpan>());
            return text.Trim();
        }

        private static bool IsPlaceholder(SemanticModel model, StatementSyntax statement, CancellationToken cancellationToken)
        {
            if (!(statement is ReturnStatementSyntax returnStatement))
            {
                return false;
            }

            var value = returnStatement.Expression;
            if (value == null)
            {
                return true;
            }

            if (value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression) || value is DefaultExpressionSyntax
                || (value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length == 0))
            {
                return model.GetTypeInfo(value, cancellationToken).ConvertedType?.SpecialType != SpecialType.System_Boolean;
            }

            return false;
        }
    }
}
