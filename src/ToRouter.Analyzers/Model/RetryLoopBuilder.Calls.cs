using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>What a call does to an attempt.</summary>
    internal enum CallRole
    {
        /// <summary>Logging, string and math helpers, reading a body: cannot be the failing attempt.</summary>
        Benign,
        /// <summary>Task.Delay, Thread.Sleep, or a same-file helper that only waits.</summary>
        Wait,
        /// <summary>Returns a response that carries a status (HttpClient.SendAsync …): statuses come back, transport failures throw.</summary>
        Send,
        /// <summary>EnsureSuccessStatusCode: turns a failing status into an exception.</summary>
        Ensure,
        /// <summary>Anything else: an SDK call or user code that throws on failure.</summary>
        Attempt,
        /// <summary>The self-recursive retry call.</summary>
        Recursive,
        /// <summary>token.ThrowIfCancellationRequested().</summary>
        ThrowIfCanceled,
        /// <summary>ExceptionDispatchInfo.Throw().</summary>
        Rethrow,
    }

    internal readonly struct Call
    {
        public Call(CallRole role, ClientFamily family, bool sleeps = false, MethodDeclarationSyntax? helper = null, bool isRetryHelper = false)
        {
            Role = role;
            Family = family;
            Sleeps = sleeps;
            Helper = helper;
            IsRetryHelper = isRetryHelper;
        }

        /// <summary>A method named in torouter.retry_helpers: it classifies failures correctly.</summary>
        public bool IsRetryHelper { get; }

        public CallRole Role { get; }

        public ClientFamily Family { get; }

        /// <summary>A blocking Thread.Sleep (directly or through a helper).</summary>
        public bool Sleeps { get; }

        /// <summary>For a wait helper, its declaration.</summary>
        public MethodDeclarationSyntax? Helper { get; }
    }

    internal sealed partial class RetryLoopBuilder
    {
        private Call CallOf(InvocationExpressionSyntax invocation)
        {
            if (!_calls.TryGetValue(invocation, out var call))
            {
                call = Classify(invocation);
                _calls[invocation] = call;
            }

            return call;
        }

        private Call Classify(InvocationExpressionSyntax invocation)
        {
            var info = _model.GetSymbolInfo(invocation, _cancellationToken);
            var method = (info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) as IMethodSymbol;
            if (method == null)
            {
                return new Call(CallRole.Attempt, ClientFamily.Unknown);
            }

            if (_recursiveMethod != null && SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).OriginalDefinition, _recursiveMethod.OriginalDefinition))
            {
                return new Call(CallRole.Recursive, ClientFamily.Unknown);
            }

            var type = method.ContainingType;
            var typeName = type?.Name ?? string.Empty;
            var ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            switch (method.Name)
            {
                case "Delay" when typeName == "Task" && ns == "System.Threading.Tasks":
                    return new Call(CallRole.Wait, ClientFamily.Any);
                case "Sleep" when typeName == "Thread" && ns == "System.Threading":
                    return new Call(CallRole.Wait, ClientFamily.Any, sleeps: true);
                case "WaitOne" when invocation.ArgumentList.Arguments.Count > 0:
                    return new Call(CallRole.Wait, ClientFamily.Any);
                case "ThrowIfCancellationRequested":
                    return new Call(CallRole.ThrowIfCanceled, ClientFamily.Any);
                case "Throw" when typeName == "ExceptionDispatchInfo":
                    return new Call(CallRole.Rethrow, ClientFamily.Any);
                case "EnsureSuccessStatusCode":
                    return new Call(CallRole.Ensure, ClientFamily.HttpClient);
            }

            if (IsBenign(method, typeName, ns))
            {
                return new Call(CallRole.Benign, ClientFamily.Any);
            }

            var helper = SameFileMethod(method);
            if (helper != null && OnlyWaits(_model, helper, _cancellationToken, out var sleeps))
            {
                return new Call(CallRole.Wait, ClientFamily.Any, sleeps, helper);
            }

            // HttpClient, RestSharp, Refit's IApiResponse and users' own result types hand back failing
            // statuses; the SDKs (Azure.Response, ClientResult …) throw them even though their results carry one.
            if (_types.HasStatusMember(method.ReturnType))
            {
                var resultFamily = KnownTypes.FamilyOf(KnownTypes.UnwrapTask(method.ReturnType));
                if (resultFamily == ClientFamily.Unknown || resultFamily == ClientFamily.HttpClient)
                {
                    return new Call(CallRole.Send, KnownTypes.FamilyOf(method));
                }

                return new Call(CallRole.Attempt, resultFamily, isRetryHelper: _options.IsRetryHelper(method));
            }

            return new Call(CallRole.Attempt, KnownTypes.FamilyOf(method), isRetryHelper: _options.IsRetryHelper(method));
        }

        private static bool IsBenign(IMethodSymbol method, string typeName, string ns)
        {
            if (ns.StartsWith("Microsoft.Extensions.Logging", System.StringComparison.Ordinal)
                || ns.StartsWith("Serilog", System.StringComparison.Ordinal)
                || ns.StartsWith("NLog", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Diagnostics", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Text", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Linq", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Collections", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Globalization", System.StringComparison.Ordinal)
                || ns.StartsWith("System.IO", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Runtime", System.StringComparison.Ordinal))
            {
                return true;
            }

            switch (method.Name)
            {
                case "ToString":
                case "GetHashCode":
                case "Equals":
                case "GetType":
                case "Dispose":
                case "DisposeAsync":
                case "ConfigureAwait":
                case "GetAwaiter":
                case "GetResult":
                case "GetRawResponse":
                    return true;
            }

            if (ns == "System")
            {
                // Delegates (Func<Task<T>> operation) are the attempt; System's value types and helpers are not.
                return method.ContainingType?.TypeKind != TypeKind.Delegate && typeName != "Lazy";
            }

            if (ns == "System.Threading")
            {
                return typeName != "Thread" || method.Name != "Sleep";
            }

            if (ns == "System.Net")
            {
                // WebRequest.Create, headers, Close: nothing goes over the wire until the request stream or the response is asked for;
                // and the status (what the model's failures differ in) only comes with the response, not with the request stream.
                var name = method.Name;
                if (name.IndexOf("RequestStream", System.StringComparison.Ordinal) >= 0)
                {
                    return true;
                }

                return !(name.StartsWith("GetRe", System.StringComparison.Ordinal) || name.StartsWith("BeginGetRe", System.StringComparison.Ordinal)
                    || name.StartsWith("EndGetRe", System.StringComparison.Ordinal) || name.StartsWith("Download", System.StringComparison.Ordinal)
                    || name.StartsWith("Upload", System.StringComparison.Ordinal) || name.StartsWith("Open", System.StringComparison.Ordinal));
            }

            if (ns == "System.Threading.Tasks")
            {
                return typeName == "Task" && (method.Name == "FromResult" || method.Name == "Wait" || method.Name == "FromException" || method.Name == "FromCanceled");
            }

            if (ns == "System.Net.Http" || ns == "System.Net.Http.Headers" || ns == "System.Net.Http.Json")
            {
                // Reading content and headers; SendAsync & co. are recognised by their return type.
                return typeName != "HttpClient" && typeName != "HttpMessageInvoker" && typeName != "HttpClientJsonExtensions";
            }

            if (ns == "System.ClientModel" || ns == "System.ClientModel.Primitives")
            {
                return typeName != "ClientPipeline";
            }

            return false;
        }

        /// <summary>A method declared in the same file (the only syntax an analyzer may read alongside its own).</summary>
        private MethodDeclarationSyntax? SameFileMethod(IMethodSymbol method)
        {
            foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == _model.SyntaxTree && reference.GetSyntax(_cancellationToken) is MethodDeclarationSyntax declaration)
                {
                    return declaration;
                }
            }

            return null;
        }

        /// <summary>A helper whose body waits and calls nothing that could be an attempt (the code fix removes calls of it as waits).</summary>
        internal static bool OnlyWaits(SemanticModel model, MethodDeclarationSyntax helper, CancellationToken cancellationToken, out bool sleeps)
        {
            sleeps = false;
            var waits = false;
            SyntaxNode? body = (SyntaxNode?)helper.Body ?? helper.ExpressionBody;
            if (body == null)
            {
                return false;
            }

            foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var target = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
                if (target == null)
                {
                    return false;
                }

                var typeName = target.ContainingType?.Name ?? string.Empty;
                var ns = target.ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                if (target.Name == "Delay" && typeName == "Task")
                {
                    waits = true;
                }
                else if (target.Name == "Sleep" && typeName == "Thread")
                {
                    waits = true;
                    sleeps = true;
                }
                else if (target.Name == "WaitOne" && invocation.ArgumentList.Arguments.Count > 0)
                {
                    waits = true; // ct.WaitHandle.WaitOne(delay): a wait the caller's token can cut short
                }
                else if (target.Name == "ThrowIfCancellationRequested")
                {
                    continue;
                }
                else if (!IsBenign(target, typeName, ns))
                {
                    return false;
                }
            }

            return waits;
        }
    }
}
