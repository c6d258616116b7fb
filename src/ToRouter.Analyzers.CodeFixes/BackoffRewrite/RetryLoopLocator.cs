using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>
    /// Maps a diagnostic back to the retry loop it is about. The analyzer reports on a <c>catch</c> keyword or a
    /// status condition (TR0001-TR0003), or on the loop keyword, a <c>goto</c> label or a recursive call (TR0004-TR0008).
    /// </summary>
    internal static class RetryLoopLocator
    {
        /// <summary>The loop statement (<c>while</c>, <c>do</c>, <c>for</c>, <c>foreach</c>), the labeled statement of a
        /// <c>goto</c> retry, or the method of a self-recursive retry; null when the location is none of these.</summary>
        public static SyntaxNode? Find(SyntaxNode root, Location location)
        {
            if (!location.IsInSource || location.SourceTree != root.SyntaxTree)
            {
                return null;
            }

            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var token = root.FindToken(location.SourceSpan.Start);
            switch (token.Kind())
            {
                case SyntaxKind.WhileKeyword when token.Parent is WhileStatementSyntax:
                case SyntaxKind.DoKeyword:
                case SyntaxKind.ForKeyword:
                case SyntaxKind.ForEachKeyword:
                    return token.Parent;
                case SyntaxKind.IdentifierToken when token.Parent is LabeledStatementSyntax label:
                    return label;
                case SyntaxKind.CatchKeyword:
                    return EnclosingLoop(token.Parent!) ?? EnclosingRecursiveFunction(token.Parent!);
            }

            if (node is InvocationExpressionSyntax || node.Parent is InvocationExpressionSyntax)
            {
                var invocation = node as InvocationExpressionSyntax ?? (InvocationExpressionSyntax)node.Parent!;
                if (EnclosingLoop(invocation) is SyntaxNode loop && !(loop is BaseMethodDeclarationSyntax))
                {
                    return loop;
                }

                return EnclosingRecursiveFunction(invocation) ?? invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            }

            return EnclosingLoop(node);
        }

        /// <summary>The method or local function around <paramref name="node"/> when it calls itself by name (a recursive retry).</summary>
        public static SyntaxNode? EnclosingRecursiveFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LocalFunctionStatementSyntax local:
                        return local.Body != null && RetryRegion.CallsByName(local.Body, local.Identifier.ValueText, isExtension: false).Any() ? local : null;
                    case MethodDeclarationSyntax method:
                        return method.Body != null && RetryRegion.CallsByName(method.Body, method.Identifier.ValueText, RetryRegion.IsExtensionMethod(method)).Any() ? method : null;
                    case AnonymousFunctionExpressionSyntax _:
                    case MemberDeclarationSyntax _:
                        return null;
                }
            }

            return null;
        }

        /// <summary>The innermost loop (or goto-retry label) around <paramref name="node"/> in the same function.</summary>
        public static SyntaxNode? EnclosingLoop(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case WhileStatementSyntax _:
                    case DoStatementSyntax _:
                    case ForStatementSyntax _:
                    case CommonForEachStatementSyntax _:
                        return current;
                    case CatchClauseSyntax catchClause when catchClause.Parent is TryStatementSyntax tryStatement
                        && tryStatement.Parent is LabeledStatementSyntax label && HasGotoTo(catchClause, label):
                        return label;
                    case TryStatementSyntax tryStatement when FindGotoLabel(tryStatement) is LabeledStatementSyntax label:
                        return label;
                    case AnonymousFunctionExpressionSyntax _:
                    case LocalFunctionStatementSyntax _:
                    case MemberDeclarationSyntax _:
                        return null;
                }
            }

            return null;
        }

        /// <summary>A label in the same block, at or before <paramref name="tryStatement"/>, that a goto in one of its catches jumps back to.</summary>
        public static LabeledStatementSyntax? FindGotoLabel(TryStatementSyntax tryStatement)
        {
            if (tryStatement.Parent is LabeledStatementSyntax direct)
            {
                return HasGotoTo(tryStatement, direct) ? direct : null;
            }

            if (!(tryStatement.Parent is BlockSyntax block))
            {
                return null;
            }

            var index = block.Statements.IndexOf(tryStatement);
            for (var i = index - 1; i >= 0; i--)
            {
                if (block.Statements[i] is LabeledStatementSyntax label && HasGotoTo(tryStatement, label))
                {
                    return label;
                }
            }

            return null;
        }

        private static bool HasGotoTo(SyntaxNode scope, LabeledStatementSyntax label)
        {
            foreach (var gotoStatement in scope.DescendantNodes().OfType<GotoStatementSyntax>())
            {
                if (gotoStatement.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == label.Identifier.ValueText)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
