using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    internal enum ClientFamilyKind
    {
        /// <summary>No client the fix knows: only network failures and timeouts are retried.</summary>
        Unknown,

        /// <summary>OpenAI and Azure.AI.OpenAI 2.x (System.ClientModel <c>ClientResultException</c>).</summary>
        OpenAI,

        /// <summary>The official Anthropic SDK (<c>AnthropicException</c> and its subclasses).</summary>
        Anthropic,

        /// <summary>Azure SDKs built on Azure.Core (<c>RequestFailedException</c>).</summary>
        AzureCore,

        /// <summary>Semantic Kernel (<c>HttpOperationException</c>, wrapping the OpenAI SDK's exception).</summary>
        SemanticKernel,

        /// <summary>A raw <c>HttpClient</c> whose responses are checked with <c>EnsureSuccessStatusCode()</c>.</summary>
        HttpClient,
    }

    /// <summary>Which client library the attempted statements call, judged from the calls in the try block and the caught types.</summary>
    internal static class ClientFamily
    {
        public const string ClientResultException = "System.ClientModel.ClientResultException";
        public const string AnthropicException = "Anthropic.Exceptions.AnthropicException";
        public const string RequestFailedException = "Azure.RequestFailedException";
        public const string HttpOperationException = "Microsoft.SemanticKernel.HttpOperationException";
        public const string HttpRequestException = "System.Net.Http.HttpRequestException";

        /// <summary>The family, or null (with a reason) when the attempt mixes families or uses a call that hides the error body.</summary>
        public static ClientFamilyKind? Detect(SemanticModel model, RetryLoopAnatomy anatomy, out string? failure, CancellationToken cancellationToken)
        {
            if (anatomy.Try == null)
            {
                // A status-check loop is rewritten only around an HttpClient send.
                failure = null;
                return ClientFamilyKind.HttpClient;
            }

            return Detect(model, anatomy.KeptBeforeTry.Cast<SyntaxNode>().Append(anatomy.Try.Block), anatomy.RetryingCatches, out failure, cancellationToken);
        }

        /// <summary>The family of the calls in <paramref name="scope"/> and of the types <paramref name="catches"/> catch.</summary>
        public static ClientFamilyKind? Detect(SemanticModel model, IEnumerable<SyntaxNode> scope, IEnumerable<CatchClauseSyntax> catches, out string? failure, CancellationToken cancellationToken)
        {
            failure = null;
            var found = new HashSet<ClientFamilyKind>();
            foreach (var node in scope.SelectMany(s => s.DescendantNodesAndSelf()))
            {
                if (!(node is InvocationExpressionSyntax) && !(node is ObjectCreationExpressionSyntax))
                {
                    continue;
                }

                if (!(model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol method))
                {
                    continue;
                }

                var type = method.ContainingType?.ToDisplayString() ?? "";
                if (type == "System.Net.Http.HttpClient" || type == "System.Net.Http.HttpMessageInvoker" || type.StartsWith("System.Net.Http.Json.", System.StringComparison.Ordinal))
                {
                    if ((method.Name.StartsWith("GetString", System.StringComparison.Ordinal) || method.Name.StartsWith("GetByteArray", System.StringComparison.Ordinal)
                        || method.Name.StartsWith("GetStream", System.StringComparison.Ordinal) || method.Name.StartsWith("GetFromJson", System.StringComparison.Ordinal))
                        && BodyHidingCall.Find(model, (InvocationExpressionSyntax)node, cancellationToken) == null)
                    {
                        failure = "HttpClient." + method.Name + " throws on error statuses without the error body, so sticky quota codes cannot be told apart";
                        return null;
                    }

                    found.Add(ClientFamilyKind.HttpClient);
                    continue;
                }

                if (FromAssembly(method.ContainingAssembly?.Name) is ClientFamilyKind kind)
                {
                    found.Add(kind);
                }
            }

            // The calls decide; caught types only when no call names a library. A defensive catch of another library's
            // exception (RequestFailedException around an OpenAI ChatClient call) never fires.
            if (found.Count == 0 || (found.Count == 1 && found.Contains(ClientFamilyKind.HttpClient)))
            {
                foreach (var catchClause in catches)
                {
                    if (catchClause.Declaration != null && model.GetTypeInfo(catchClause.Declaration.Type, cancellationToken).Type is ITypeSymbol caught
                        && FromExceptionType(caught) is ClientFamilyKind kind)
                    {
                        found.Add(kind);
                    }
                }
            }

            if (found.Contains(ClientFamilyKind.SemanticKernel))
            {
                found.Remove(ClientFamilyKind.OpenAI);
            }

            switch (found.Count)
            {
                case 0:
                    return ClientFamilyKind.Unknown;
                case 1:
                    return found.First();
                default:
                    failure = "the attempt calls more than one client library";
                    return null;
            }
        }

        private static ClientFamilyKind? FromAssembly(string? assembly)
        {
            if (assembly == null)
            {
                return null;
            }

            if (assembly == "OpenAI" || assembly == "System.ClientModel" || assembly == "Azure.AI.OpenAI")
            {
                return ClientFamilyKind.OpenAI;
            }

            if (assembly == "Anthropic")
            {
                return ClientFamilyKind.Anthropic;
            }

            if (assembly.StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal))
            {
                return ClientFamilyKind.SemanticKernel;
            }

            if (assembly.StartsWith("Azure.", System.StringComparison.Ordinal))
            {
                return ClientFamilyKind.AzureCore;
            }

            return null;
        }

        internal static ClientFamilyKind? FromExceptionType(ITypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                switch (current.ToDisplayString())
                {
                    case ClientResultException: return ClientFamilyKind.OpenAI;
                    case AnthropicException: return ClientFamilyKind.Anthropic;
                    case RequestFailedException: return ClientFamilyKind.AzureCore;
                    case HttpOperationException: return ClientFamilyKind.SemanticKernel;
                }
            }

            return null;
        }
    }
}
