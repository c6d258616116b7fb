using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>
    /// Which returned values stand in for a result the code does not have (<c>null</c>, <c>default</c>, <c>""</c>,
    /// <c>"Sorry, try later"</c>, <c>-1</c>, <c>new List&lt;T&gt;()</c>, <c>string.Empty</c>): TR0008 reports them after
    /// the last attempt, and the rewrite removes them because the last failure now propagates. One definition for both.
    /// </summary>
    internal static class PlaceholderValue
    {
        /// <summary>How returning <paramref name="value"/> hides the failure; <see cref="LastFailure.Propagates"/> when it is a real value.
        /// <c>return false;</c> is a Try method's honest answer, so it counts only outside Try methods.</summary>
        public static LastFailure Classify(ExpressionSyntax value, bool inTryMethod)
        {
            while (true)
            {
                switch (value)
                {
                    case ParenthesizedExpressionSyntax p:
                        value = p.Expression;
                        continue;
                    case CastExpressionSyntax c:
                        value = c.Expression;
                        continue;
                    case InvocationExpressionSyntax i when RetryLoopBuilder.MethodName(i) == "FromResult" && i.ArgumentList.Arguments.Count == 1:
                        value = i.ArgumentList.Arguments[0].Expression;
                        continue;
                }

                break;
            }

            switch (value.Kind())
            {
                case SyntaxKind.NullLiteralExpression:
                    return LastFailure.ReturnsNull;
                case SyntaxKind.DefaultLiteralExpression:
                case SyntaxKind.DefaultExpression:
                    return LastFailure.ReturnsDefault;
                case SyntaxKind.FalseLiteralExpression:
                    return inTryMethod ? LastFailure.Propagates : LastFailure.ReturnsPlaceholder;
                case SyntaxKind.TrueLiteralExpression:
                case SyntaxKind.StringLiteralExpression:
                case SyntaxKind.NumericLiteralExpression:
                case SyntaxKind.CollectionExpression:
                    return LastFailure.ReturnsPlaceholder;
                case SyntaxKind.UnaryMinusExpression:
                    return ((PrefixUnaryExpressionSyntax)value).Operand.IsKind(SyntaxKind.NumericLiteralExpression) ? LastFailure.ReturnsPlaceholder : LastFailure.Propagates;
                case SyntaxKind.ObjectCreationExpression:
                case SyntaxKind.ImplicitObjectCreationExpression:
                    var creation = (BaseObjectCreationExpressionSyntax)value;
                    return (creation.ArgumentList == null || creation.ArgumentList.Arguments.Count == 0)
                        && (creation.Initializer == null || creation.Initializer.Expressions.Count == 0)
                        ? LastFailure.ReturnsPlaceholder
                        : LastFailure.Propagates;
            }

            return value is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "Empty"
                || value is InvocationExpressionSyntax empty && RetryLoopBuilder.MethodName(empty) == "Empty"
                ? LastFailure.ReturnsPlaceholder
                : LastFailure.Propagates;
        }

        /// <summary>Whether a function is a Try method (<c>bool TryGet(…, out …)</c>).</summary>
        public static bool IsTryMethodName(string? name) => name != null && name.StartsWith("Try", System.StringComparison.Ordinal);
    }
}

