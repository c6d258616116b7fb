using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    public enum RegionShape
    {
        Loop,
        Goto,
        Recursion,
    }

    /// <summary>
    /// The code that repeats: a loop body, the statements from a <c>retry:</c> label to its <c>goto</c>,
    /// or the body of a method that calls itself again from its failure path.
    /// </summary>
    public sealed class RetryRegion
    {
        private RetryRegion(RegionShape shape, SyntaxNode node, ImmutableArray<StatementSyntax> statements, SyntaxNodeOrToken reportAt)
        {
            Shape = shape;
            Node = node;
            Statements = statements;
            ReportAt = reportAt;
        }

        public RegionShape Shape { get; }

        /// <summary>The loop statement, the labeled statement, or the method / local function.</summary>
        public SyntaxNode Node { get; }

        /// <summary>What runs once per attempt.</summary>
        public ImmutableArray<StatementSyntax> Statements { get; }

        /// <summary>Where loop-level rules report: loop keyword, label, or recursive call.</summary>
        public SyntaxNodeOrToken ReportAt { get; }

        /// <summary>The loop's condition (while / do / for), if any.</summary>
        public ExpressionSyntax? Condition => Node switch
        {
            WhileStatementSyntax w => w.Condition,
            DoStatementSyntax d => d.Condition,
            ForStatementSyntax f => f.Condition,
            _ => null,
        };

        public string? Label => (Node as LabeledStatementSyntax)?.Identifier.ValueText;

        /// <summary>For recursion: the recursive calls (filled in by the builder once symbols are known).</summary>
        public ImmutableArray<InvocationExpressionSyntax> RecursiveCalls { get; private set; } = ImmutableArray<InvocationExpressionSyntax>.Empty;

        public static RetryRegion? ForLoop(StatementSyntax loop)
        {
            StatementSyntax body;
            SyntaxToken keyword;
            switch (loop)
            {
                case WhileStatementSyntax w: body = w.Statement; keyword = w.WhileKeyword; break;
                case DoStatementSyntax d: body = d.Statement; keyword = d.DoKeyword; break;
                case ForStatementSyntax f: body = f.Statement; keyword = f.ForKeyword; break;
                case CommonForEachStatementSyntax e: body = e.Statement; keyword = e.ForEachKeyword; break;
                default: return null;
            }

            if (body == null || keyword.IsMissing)
            {
                return null;
            }

            return new RetryRegion(RegionShape.Loop, loop, ImmutableArray.Create(body), keyword);
        }

        /// <summary><c>retry: …; goto retry;</c> — the label and every statement after it in its block.</summary>
        public static RetryRegion? ForLabel(LabeledStatementSyntax label)
        {
            if (!(label.Parent is BlockSyntax block) || label.Identifier.IsMissing)
            {
                return null;
            }

            var index = block.Statements.IndexOf(label);
            var statements = block.Statements.Skip(index + 1).Prepend(label.Statement).ToImmutableArray();
            return new RetryRegion(RegionShape.Goto, label, statements, label.Identifier);
        }

        /// <summary>A method or local function that calls itself again from a failure path.</summary>
        public static RetryRegion? ForRecursion(SyntaxNode function, BlockSyntax body, ImmutableArray<InvocationExpressionSyntax> recursiveCalls)
        {
            if (recursiveCalls.IsDefaultOrEmpty)
            {
                return null;
            }

            return new RetryRegion(RegionShape.Recursion, function, body.Statements.ToImmutableArray(), recursiveCalls[0])
            {
                RecursiveCalls = recursiveCalls,
            };
        }

        /// <summary>
        /// The cheap syntax gate: a retry region contains a try with a catch, or a status check.
        /// Nothing else reaches the semantic model.
        /// </summary>
        /// <summary>
        /// Calls in <paramref name="body"/> that may be the function calling itself: by its name, through <c>this.</c>, or, for an
        /// extension method, on any receiver (<c>client.CompleteWithRetryAsync(…)</c>). A cheap syntax test; the symbol decides.
        /// </summary>
        public static IEnumerable<InvocationExpressionSyntax> CallsByName(BlockSyntax body, string name, bool isExtension)
            => OwnDescendants(body).OfType<InvocationExpressionSyntax>()
                .Where(i => (i.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == name)
                    || (i.Expression is MemberAccessExpressionSyntax m && (isExtension || m.Expression is ThisExpressionSyntax) && m.Name.Identifier.ValueText == name)
                    || (i.Expression is GenericNameSyntax g && g.Identifier.ValueText == name));

        /// <summary>Whether a method's first parameter is <c>this</c>.</summary>
        public static bool IsExtensionMethod(MethodDeclarationSyntax method)
            => method.ParameterList.Parameters.Count > 0 && method.ParameterList.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword);

        public static bool MightRetry(SyntaxNode node)
        {
            foreach (var descendant in node.DescendantNodes(n => !(n is LambdaExpressionSyntax) && !(n is AnonymousMethodExpressionSyntax) && !(n is LocalFunctionStatementSyntax)))
            {
                switch (descendant)
                {
                    case CatchClauseSyntax _:
                        return true;
                    case IdentifierNameSyntax name when IsStatusName(name.Identifier.ValueText):
                        return true;
                }
            }

            return false;
        }

        public static bool IsStatusName(string name)
        {
            switch (name)
            {
                case "StatusCode":
                case "Status":
                case "IsSuccessStatusCode":
                case "IsSuccessful":
                case "IsSuccess":
                case "Successful":
                case "Success":
                case "Succeeded":
                case "Ok":
                case "IsOk":
                case "HttpStatusCode":
                case "HttpStatus":
                case "ResponseStatusCode":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether <paramref name="node"/> belongs to the region's own function (not a lambda or local function inside it).</summary>
        public static bool InSameFunction(SyntaxNode node, SyntaxNode regionNode)
        {
            for (var current = node.Parent; current != null && current != regionNode; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax || current is LocalFunctionStatementSyntax)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Descendants of <paramref name="node"/> that run in the same function.</summary>
        public static System.Collections.Generic.IEnumerable<SyntaxNode> OwnDescendants(SyntaxNode node)
            => node.DescendantNodes(n => n == node || !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax));

        public static Location LocationOf(SyntaxNodeOrToken at) => at.IsToken ? at.AsToken().GetLocation() : at.AsNode()!.GetLocation();

        /// <summary>The loop a break/continue statement belongs to (null when a switch owns a break).</summary>
        public static SyntaxNode? TargetOf(StatementSyntax jump)
        {
            for (var current = jump.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case SwitchStatementSyntax _ when jump is BreakStatementSyntax:
                        return current;
                    case WhileStatementSyntax _:
                    case DoStatementSyntax _:
                    case ForStatementSyntax _:
                    case CommonForEachStatementSyntax _:
                        return current;
                    case AnonymousFunctionExpressionSyntax _:
                    case LocalFunctionStatementSyntax _:
                    case MemberDeclarationSyntax _:
                        return null;
                }
            }

            return null;
        }

        /// <summary>Whether the innermost function around <paramref name="node"/> (method, local function or lambda) is async.</summary>
        public static bool IsInAsyncFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                    case LocalFunctionStatementSyntax local:
                        return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MethodDeclarationSyntax method:
                        return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MemberDeclarationSyntax _:
                        return false;
                }
            }

            return false;
        }

        public static bool IsLoop(SyntaxNode node) => node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax;

        public static SyntaxKind[] LoopKinds { get; } =
        {
            SyntaxKind.WhileStatement, SyntaxKind.DoStatement, SyntaxKind.ForStatement,
            SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement,
        };
    }
}
