using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>Recognises the waits of a retry loop: <c>Thread.Sleep(x)</c> and <c>Task.Delay(x)</c>, awaited, configured or blocked on.</summary>
    internal static class WaitDetector
    {
        public static bool IsWait(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
            => WaitCall(model, expression, cancellationToken) != null;

        /// <summary>The <c>Thread.Sleep</c>/<c>Task.Delay</c> call at the heart of <paramref name="expression"/>, if that is all it does.</summary>
        public static InvocationExpressionSyntax? WaitCall(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            while (true)
            {
                switch (expression)
                {
                    case AwaitExpressionSyntax awaitExpression:
                        expression = awaitExpression.Expression;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case InvocationExpressionSyntax invocation when IsWaitCall(model, invocation, cancellationToken):
                        return invocation;
                    case InvocationExpressionSyntax invocation when invocation.Expression is MemberAccessExpressionSyntax member
                        && (member.Name.Identifier.ValueText == "ConfigureAwait" || member.Name.Identifier.ValueText == "Wait"
                            || member.Name.Identifier.ValueText == "GetAwaiter" || member.Name.Identifier.ValueText == "GetResult"):
                        expression = member.Expression;
                        continue;
                    default:
                        return null;
                }
            }
        }

        public static bool IsWaitCall(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
            => IsThreadSleep(model, invocation, cancellationToken) || IsTaskDelay(model, invocation, cancellationToken);

        public static bool IsThreadSleep(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
            => model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                && method.Name == "Sleep" && method.ContainingType?.ToDisplayString() == "System.Threading.Thread";

        public static bool IsTaskDelay(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
            => model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                && method.Name == "Delay" && method.ContainingType?.ToDisplayString() == "System.Threading.Tasks.Task";
    }
}
