using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ToRouter.Analyzers.CodeFixes.SmallFixes;
using AnalyzerModel = ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>
    /// The rewrite of a failover loop (a foreach over keys, endpoints or clients whose attempt uses the current one). The
    /// loop stays: moving to the next key is its purpose and the collection bounds it. Only the flagged catch clauses
    /// change, narrowed to the client family's exceptions with a filter that moves on for what another key or endpoint
    /// may not have (no response, timeouts, 408, 429 including spent quotas, 5xx); 400-404 would fail the same way on
    /// every key, so they propagate. The catch body is kept as it is.
    /// </summary>
    internal static class FailoverCatchRewriter
    {
        /// <summary>Whether the analyzer's model sees a failover loop (a foreach or an index over keys, endpoints or clients).</summary>
        public static bool IsFailover(SemanticModel model, StatementSyntax loop, TorouterOptions options, CancellationToken cancellationToken)
        {
            var types = AnalyzerModel.KnownTypes.Create(model.Compilation);
            var region = AnalyzerModel.RetryRegion.ForLoop(loop);
            var retryLoop = types == null || region == null ? null : AnalyzerModel.RetryLoopBuilder.Build(model, types, options, region, cancellationToken);
            return retryLoop != null && retryLoop.Kind == AnalyzerModel.RetryLoopKind.Failover;
        }

        public static DocumentRewriter.Edit? Plan(SemanticModel model, StatementSyntax loop, IReadOnlyList<CatchClauseSyntax> flagged, CancellationToken cancellationToken, out string? reason)
        {
            reason = null;
            var tryStatement = flagged.Select(c => c.Parent).OfType<TryStatementSyntax>().Distinct().ToList();
            var containingType = loop.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (tryStatement.Count != 1 || containingType == null || containingType is InterfaceDeclarationSyntax || tryStatement[0].ContainsDirectives)
            {
                reason = "the flagged catch clauses are not those of one try statement in a class";
                return null;
            }

            var attempt = tryStatement[0];
            var family = ClientFamily.Detect(model, new[] { attempt.Block }, flagged, out reason, cancellationToken);
            if (family == null)
            {
                return null;
            }

            var readsStatus = attempt.Block.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Any(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "EnsureSuccessStatusCode");
            var token = LoopFacts.CancellationTokenInScope(model, loop);
            var eol = SyntaxFormatting.EndOfLine(loop.SyntaxTree.GetRoot(cancellationToken));
            var helpers = new HashSet<RetryHelper>();
            var generated = new List<TextSpan>();
            var text = new StringBuilder();
            var source = attempt.SyntaxTree.GetText(cancellationToken);
            var position = attempt.FullSpan.Start;
            foreach (var clause in flagged.OrderBy(c => c.SpanStart))
            {
                // A filter that only tests the exception's type gives way to the family's; any other condition still applies.
                var original = clause.Declaration?.Identifier.ValueText;
                var kept = clause.Filter == null || OnlyTestsType(clause.Filter.FilterExpression, original) ? null : clause.Filter.FilterExpression;
                var keptCode = new SyntaxNode?[] { clause.Block, kept }.OfType<SyntaxNode>().ToList();
                var variable = string.IsNullOrEmpty(original) ? LoopFacts.FreeName(model, loop, "ex", "exception", "failure") : original;
                var keptUsesVariable = !string.IsNullOrEmpty(original) && keptCode.SelectMany(n => n.DescendantNodesAndSelf()).OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == original);
                var catches = variable == null ? null : CanonicalLoopWriter.FamilyCatches(model.Compilation, family.Value, variable, token, readsStatus, keptUsesVariable,
                    failover: true, names => LoopFacts.FreeName(model, loop, names), helpers, out reason);
                if (catches == null)
                {
                    reason = reason ?? "no free name for the exception";
                    return null;
                }

                if (!CanonicalLoopWriter.FitsCatchType(model, keptCode, original, catches[0].Type, cancellationToken))
                {
                    reason = "the catch body reads members the family's exception type does not have";
                    return null;
                }

                catches = catches.Where(c => CanonicalLoopWriter.FitsCatchType(model, keptCode, original, c.Type, cancellationToken)).ToList();
                var indent = SyntaxFormatting.IndentOf(clause);
                var headerEnd = clause.Filter?.Span.End ?? clause.Declaration?.Span.End ?? clause.CatchKeyword.Span.End;

                text.Append(source.ToString(TextSpan.FromBounds(position, clause.SpanStart)));
                for (var i = 0; i < catches.Count; i++)
                {
                    var c = catches[i];
                    var conditions = new[] { c.Filter, kept == null ? null : c.Filter.Length > 0 ? "(" + kept + ")" : kept.ToString() }.Where(f => !string.IsNullOrEmpty(f)).ToList();
                    var header = (i == 0 ? "" : indent) + "catch (" + c.Type + (c.NeedsVariable ? " " + variable : "") + ")"
                        + (conditions.Count == 0 ? "" : " when (" + string.Join(" && ", conditions) + ")");
                    generated.Add(new TextSpan(text.Length, header.Length));
                    text.Append(header);
                    text.Append(i == 0 ? source.ToString(TextSpan.FromBounds(headerEnd, clause.Block.FullSpan.Start)) : eol);
                    text.Append(clause.Block.ToFullString());
                }

                position = clause.FullSpan.End;
            }

            text.Append(source.ToString(TextSpan.FromBounds(position, attempt.FullSpan.End)));
            var edit = new DocumentRewriter.Edit(attempt, text.ToString(), generated, new List<SyntaxNode>());
            edit.Helpers[containingType] = helpers;
            return edit;
        }

        /// <summary><c>ex is X</c>, <c>!(ex is OperationCanceledException)</c>, <c>ex is not X</c>, and combinations: tests of the caught type only.</summary>
        private static bool OnlyTestsType(ExpressionSyntax filter, string? variable)
        {
            switch (filter)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return OnlyTestsType(parenthesized.Expression, variable);
                case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                    return OnlyTestsType(not.Operand, variable);
                case BinaryExpressionSyntax logical when logical.IsKind(SyntaxKind.LogicalAndExpression) || logical.IsKind(SyntaxKind.LogicalOrExpression):
                    return OnlyTestsType(logical.Left, variable) && OnlyTestsType(logical.Right, variable);
                case BinaryExpressionSyntax isType when isType.IsKind(SyntaxKind.IsExpression):
                    return isType.Left is IdentifierNameSyntax subject && subject.Identifier.ValueText == variable;
                case IsPatternExpressionSyntax pattern:
                    return pattern.Expression is IdentifierNameSyntax tested && tested.Identifier.ValueText == variable
                        && pattern.Pattern.DescendantNodesAndSelf().OfType<PatternSyntax>().All(p => p is TypePatternSyntax || p is ConstantPatternSyntax
                            || p is UnaryPatternSyntax || p is ParenthesizedPatternSyntax || p is BinaryPatternSyntax);
                default:
                    return false;
            }
        }
    }
}
