using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>
    /// <c>HttpClient.GetStringAsync</c> / <c>GetByteArrayAsync</c> / <c>GetFromJsonAsync&lt;T&gt;</c> in a statement of its own
    /// (<c>return await …;</c>, <c>var text = await …;</c>, <c>text = ….Result;</c>). They throw on a failing status without the
    /// error body, so the rewrite sends with <c>GetAsync</c> instead (the same address and token, buffered), keeps the failing
    /// response and its body for the retry decision, and reads the content the way the original call did
    /// (<c>ReadAsStringAsync()</c>, <c>ReadFromJsonAsync&lt;T&gt;(options, token)</c>).
    /// </summary>
    internal sealed class BodyHidingCall
    {
        private BodyHidingCall(StatementSyntax statement, ExpressionSyntax result, InvocationExpressionSyntax call, string send, string read)
        {
            Statement = statement;
            Result = result;
            Call = call;
            Send = send;
            Read = read;
        }

        /// <summary>The statement that uses the content; the send goes before it.</summary>
        public StatementSyntax Statement { get; }

        /// <summary>The expression that yields the content (<c>await http.GetStringAsync(url)</c>); it becomes the read of the response.</summary>
        public ExpressionSyntax Result { get; }

        private InvocationExpressionSyntax Call { get; }

        /// <summary>The send in place of the call: <c>http.GetAsync(url, ct)</c>.</summary>
        private string Send { get; }

        /// <summary>The HttpContent call that reads what the original call returned: <c>ReadAsStringAsync()</c>.</summary>
        private string Read { get; }

        public static BodyHidingCall? Find(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            if (!(call.Expression is MemberAccessExpressionSyntax method) || !(model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol symbol)
                || symbol.Parameters.Length == 0 || (symbol.Parameters[0].Type.SpecialType != SpecialType.System_String && symbol.Parameters[0].Type.Name != "Uri")
                || call.ArgumentList.Arguments.Any(a => a.NameColon != null))
            {
                return null;
            }

            var arguments = call.ArgumentList.Arguments;
            string send, read;
            switch (symbol.ContainingType?.ToDisplayString())
            {
                case "System.Net.Http.HttpClient" when symbol.Name == "GetStringAsync" || symbol.Name == "GetByteArrayAsync":
                    send = method.Expression + ".GetAsync" + call.ArgumentList;
                    read = (symbol.Name == "GetStringAsync" ? "ReadAsStringAsync" : "ReadAsByteArrayAsync") + "()";
                    break;
                case "System.Net.Http.Json.HttpClientJsonExtensions" when symbol.Name == "GetFromJsonAsync" && symbol.ReducedFrom != null:
                    // http.GetFromJsonAsync<T>(url[, options or type info][, ct]) → http.GetAsync(url[, ct]) and Content.ReadFromJsonAsync<T>([options][, ct]).
                    var token = arguments.Skip(1).FirstOrDefault(a => model.GetTypeInfo(a.Expression, cancellationToken).ConvertedType?.Name == "CancellationToken");
                    var shape = arguments.Skip(1).Where(a => a != token).ToList();
                    send = method.Expression + ".GetAsync(" + arguments[0] + (token == null ? "" : ", " + token) + ")";
                    read = "ReadFromJsonAsync" + ((method.Name as GenericNameSyntax)?.TypeArgumentList.ToString() ?? "")
                        + "(" + string.Join(", ", shape.Select(a => a.ToString()).Concat(token == null ? Enumerable.Empty<string>() : new[] { (shape.Count == 0 ? "cancellationToken: " : "") + token })) + ")";
                    break;
                default:
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

            // What the statement does with the content, evaluated first and unconditionally: (T)…, (…), … ?? fallback, ….Length.
            var value = (ExpressionSyntax)result;
            while (value.Parent is ParenthesizedExpressionSyntax || value.Parent is CastExpressionSyntax
                || (value.Parent is BinaryExpressionSyntax binary && binary.Left == value)
                || (value.Parent is MemberAccessExpressionSyntax access && access.Expression == value))
            {
                value = (ExpressionSyntax)value.Parent;
            }

            var statement = value.Parent switch
            {
                ReturnStatementSyntax r => (StatementSyntax)r,
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax d } } } => d,
                AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax e } a when a.Right == value => e,
                _ => null,
            };
            return statement != null && statement.Parent is BlockSyntax ? new BodyHidingCall(statement, result, call, send, read) : null;
        }

        /// <summary>The send, awaited (or waited on) as the original call was: <c>await http.GetAsync(url, ct)</c>.</summary>
        public string SendText() => Replace(Call, Send);

        /// <summary>The read of the content, awaited (or waited on) as the original call was.</summary>
        public string ReadText(string response) => Replace(Call, response + ".Content." + Read);

        private string Replace(SyntaxNode node, string text)
        {
            var whole = Result.ToString();
            var start = node.SpanStart - Result.SpanStart;
            return whole.Substring(0, start) + text + whole.Substring(start + node.Span.Length);
        }
    }
}
