using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.SmallFixes
{
    /// <summary>Small facts about a retry loop that the targeted fixes share.</summary>
    internal static class LoopFacts
    {
        public static StatementSyntax? Body(StatementSyntax loop)
        {
            switch (loop)
            {
                case WhileStatementSyntax w: return w.Statement;
                case DoStatementSyntax d: return d.Statement;
                case ForStatementSyntax f: return f.Statement;
                default: return null;
            }
        }

        public static ExpressionSyntax? Condition(StatementSyntax loop)
        {
            switch (loop)
            {
                case WhileStatementSyntax w: return w.Condition;
                case DoStatementSyntax d: return d.Condition;
                case ForStatementSyntax f: return f.Condition;
                default: return null;
            }
        }

        /// <summary>Nodes of the loop that run in the loop's own function (not in lambdas or local functions declared in it).</summary>
        public static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode loop)
            => loop.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax));

        /// <summary>The single try statement directly in the loop body.</summary>
        public static TryStatementSyntax? AttemptedTry(StatementSyntax loop)
        {
            var body = Body(loop);
            if (body is TryStatementSyntax direct)
            {
                return direct;
            }

            var tries = (body as BlockSyntax)?.Statements.OfType<TryStatementSyntax>().ToList();
            return tries != null && tries.Count == 1 ? tries[0] : null;
        }

        /// <summary>The catch clauses control leaves normally or by <c>continue</c>: the ones that retry.</summary>
        public static List<CatchClauseSyntax> RetryingCatches(SemanticModel model, TryStatementSyntax tryStatement)
        {
            var result = new List<CatchClauseSyntax>();
            foreach (var clause in tryStatement.Catches)
            {
                var flow = model.AnalyzeControlFlow(clause.Block);
                if (flow != null && flow.Succeeded
                    && (flow.EndPointIsReachable || OwnNodes(clause.Block).OfType<ContinueStatementSyntax>().Any()))
                {
                    result.Add(clause);
                }
            }

            return result;
        }

        /// <summary>Whether every path through the try block leaves the loop by returning or throwing (so only failures go round again).</summary>
        public static bool SuccessReturns(SemanticModel model, TryStatementSyntax tryStatement, StatementSyntax loop)
        {
            var flow = model.AnalyzeControlFlow(tryStatement.Block);
            return flow != null && flow.Succeeded && !flow.EndPointIsReachable && !HasJumpOutOf(tryStatement.Block, loop);
        }

        /// <summary>Whether a break or continue in <paramref name="scope"/> targets <paramref name="loop"/>.</summary>
        public static bool HasJumpOutOf(SyntaxNode scope, StatementSyntax loop)
        {
            foreach (var jump in OwnNodes(scope).Where(n => n is BreakStatementSyntax || n is ContinueStatementSyntax))
            {
                for (var current = jump.Parent; current != null; current = current.Parent)
                {
                    if (current is WhileStatementSyntax || current is DoStatementSyntax || current is ForStatementSyntax || current is CommonForEachStatementSyntax
                        || (current is SwitchStatementSyntax && jump is BreakStatementSyntax))
                    {
                        if (current == loop)
                        {
                            return true;
                        }

                        break;
                    }
                }
            }

            return false;
        }

        /// <summary>A CancellationToken local or parameter in scope, preferring one the loop already passes around.</summary>
        public static string? CancellationTokenInScope(SemanticModel model, SyntaxNode loop, ISet<string>? exclude = null)
        {
            var candidates = model.LookupSymbols(loop.SpanStart)
                .Where(s => (s is ILocalSymbol local && local.Type.ToDisplayString() == "System.Threading.CancellationToken")
                    || (s is IParameterSymbol parameter && parameter.Type.ToDisplayString() == "System.Threading.CancellationToken"))
                .Where(s => exclude == null || !exclude.Contains(s.Name))
                .ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            var used = candidates.FirstOrDefault(c => loop.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == c.Name));
            return (used ?? candidates.FirstOrDefault(c => c is IParameterSymbol) ?? candidates[0]).Name;
        }

        /// <summary>Whether the member containing <paramref name="node"/> already awaits with ConfigureAwait(false).</summary>
        public static bool UsesConfigureAwaitFalse(SyntaxNode node)
            => node.FirstAncestorOrSelf<MemberDeclarationSyntax>()?.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Any(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "ConfigureAwait"
                    && i.ArgumentList.Arguments.Count == 1 && i.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression)) == true;

        /// <summary>A name no local, parameter or nested declaration of the loop uses.</summary>
        public static string? FreeName(SemanticModel model, SyntaxNode loop, params string[] names)
        {
            var declared = new HashSet<string>(loop.DescendantNodes().Select(n =>
                n is VariableDeclaratorSyntax v ? v.Identifier.ValueText
                : n is SingleVariableDesignationSyntax d ? d.Identifier.ValueText
                : n is CatchDeclarationSyntax c ? c.Identifier.ValueText
                : n is ParameterSyntax p ? p.Identifier.ValueText
                : n is ForEachStatementSyntax f ? f.Identifier.ValueText : ""));
            return names.FirstOrDefault(name => !declared.Contains(name)
                && !model.LookupSymbols(loop.SpanStart, name: name).Any(s => s is ILocalSymbol || s is IParameterSymbol || s is IRangeVariableSymbol));
        }

        /// <summary>
        /// The node's full text with each span replaced by its pieces; even pieces are generated (recorded in
        /// <paramref name="generated"/>), odd pieces are the user's own text.
        /// </summary>
        public static string ReplaceInText(SyntaxNode node, IEnumerable<(Microsoft.CodeAnalysis.Text.TextSpan Span, string[] Pieces)> replacements, List<Microsoft.CodeAnalysis.Text.TextSpan> generated)
        {
            var text = node.ToFullString();
            var offset = node.FullSpan.Start;
            var result = new System.Text.StringBuilder();
            var position = 0;
            foreach (var (span, pieces) in replacements.OrderBy(r => r.Span.Start))
            {
                result.Append(text, position, span.Start - offset - position);
                for (var i = 0; i < pieces.Length; i++)
                {
                    if (i % 2 == 0)
                    {
                        generated.Add(new Microsoft.CodeAnalysis.Text.TextSpan(result.Length, pieces[i].Length));
                    }

                    result.Append(pieces[i]);
                }

                position = span.End - offset;
            }

            result.Append(text, position, text.Length - position);
            return result.ToString();
        }
    }
}
