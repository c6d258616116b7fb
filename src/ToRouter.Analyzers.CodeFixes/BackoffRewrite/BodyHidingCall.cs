using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>
    /// <c>HttpClient.GetStringAsync</c> / <c>GetByteArrayAsync</c> in a statement of its own (<c>return await …;</c>,
    /// <c>var text = await …;</c>, <c>text = ….Result;</c>). They throw on a failing status without the error body, so the
    /// rewrite sends with <c>GetAsync</c> instead (same arguments, same buffering), keeps the failing response and its body
    /// for the retry decision, and reads the content the way the original call did.
    /// </summary>
    internal sealed class BodyHidingCall
    {
        private BodyHidingCall(StatementSyntax statement, ExpressionSyntax result, InvocationExpressionSyntax call, MemberAccessExpressionSyntax method, string read)
        {
            Statement = statement;
            Result = result;
            Call = call;
            Method = method;
            Read = read;
        }

        /// <summary>The statement that uses the content; the send goes before it.</summary>
        public StatementSyntax Statement { get; }

        /// <summary>The expression that yields the content (<c>await http.GetStringAsync(url)</c>); it becomes the read of the response.</summary>
        public ExpressionSyntax Result { get; }

        private InvocationExpressionSyntax Call { get; }

        private MemberAccessExpressionSyntax Method { get; }

        /// <summary>The HttpContent method that reads what the original call returned.</summary>
        private string Read { get; }

        public static BodyHidingCall? Find(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            if (!(call.Expression is MemberAccessExpressionSyntax method) || !(model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol symbol)
                || symbol.ContainingType?.ToDisplayString() != "System.Net.Http.HttpClient")
            {
                return null;
            }

            var read = symbol.Name == "GetStringAsync" ? "ReadAsStringAsync" : symbol.Name == "GetByteArrayAsync" ? "ReadAsByteArrayAsync" : null;
            if (read == null || symbol.Parameters.Length == 0 || symbol.Parameters[0].Type.SpecialType != SpecialType.System_String && symbol.Parameters[0].Type.Name != "Uri")
            {
                return null;
            }

            // await call / await call.ConfigureAwait(false) / call.Result / call.GetAwaiter().GetResult()
            ExpressionSyntax result = call;
            while (result.Parent is MemberAccessExpressionSyntax member && member.Expression == result
                && (member.Name.Identifier.ValueText == "ConfigureAwait" || member.Name.Identifier.ValueText == "GetAwaiter" || member.Name.Identifier.ValueText == "GetResult")
                && member.Parent is InvocationExpressionSyntax invocation)
            {
                result = invocation;
            }

            if (result.Parent is AwaitExpressionSyntax awaited)
            {
                result = awaited;
            }
            else if (result.Parent is MemberAccessExpressionSyntax resultMember && resultMember.Name.Identifier.ValueText == "Result")
            {
                result = resultMember;
            }
            else if (result == call)
            {
                return null; // the task itself is passed on
            }

            var statement = result.Parent switch
            {
                ReturnStatementSyntax r => (StatementSyntax)r,
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax d } } } => d,
                AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax e } a when a.Right == result => e,
                _ => null,
            };
            return statement != null && statement.Parent is BlockSyntax ? new BodyHidingCall(statement, result, call, method, read) : null;
        }

        /// <summary>The send: the original expression with <c>GetAsync</c> for the method (<c>await http.GetAsync(url, ct)</c>).</summary>
        public string SendText() => Replace(Method.Name, "GetAsync");

        /// <summary>The read of the content, awaited (or waited on) as the original call was.</summary>
        public string ReadText(string response) => Replace(Call, response + ".Content." + Read + "()");

        private string Replace(SyntaxNode node, string text)
        {
            var whole = Result.ToString();
            var start = node.SpanStart - Result.SpanStart;
            return whole.Substring(0, start) + text + whole.Substring(start + node.Span.Length);
        }
    }
}
