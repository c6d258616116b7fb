using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ToRouter.Analyzers.Model
{
    /// <summary>The client library an exception type or a call belongs to.</summary>
    public enum ClientFamily
    {
        /// <summary>User code or a library we do not know: it may throw anything.</summary>
        Unknown,
        /// <summary>Exception types any library throws (Exception, IOException, TaskCanceledException …).</summary>
        Any,
        HttpClient,
        /// <summary>OpenAI and Azure.AI.OpenAI 2.x: System.ClientModel.ClientResultException.</summary>
        OpenAI,
        Anthropic,
        /// <summary>Azure.Core: Azure.RequestFailedException.</summary>
        Azure,
        SemanticKernel,
        WebRequest,
        Refit,
    }

    /// <summary>What a caught exception type can carry, and whose it is.</summary>
    public readonly struct ExceptionInfo
    {
        public ExceptionInfo(FailureSet kinds, ClientFamily family, bool catchesEverything)
        {
            Kinds = kinds;
            Family = family;
            CatchesEverything = catchesEverything;
        }

        public FailureSet Kinds { get; }

        public ClientFamily Family { get; }

        /// <summary>A bare catch or catch (Exception).</summary>
        public bool CatchesEverything { get; }

        /// <summary>Whether an exception of this type can be what a call of <paramref name="thrower"/> throws for <paramref name="kind"/>.</summary>
        public bool Matches(Failure kind, ClientFamily thrower)
        {
            if (!Kinds.Contains(kind))
            {
                return false;
            }

            if (Family == ClientFamily.Any || thrower == ClientFamily.Unknown || Family == thrower || kind == Failure.Other)
            {
                return true;
            }

            // Semantic Kernel's IChatClient path lets the OpenAI exception through unwrapped.
            return thrower == ClientFamily.SemanticKernel && Family == ClientFamily.OpenAI;
        }
    }

    /// <summary>
    /// Types the model recognises, resolved once per compilation; the classification of each
    /// exception type met is cached, since the same few types recur in every loop.
    /// </summary>
    public sealed class KnownTypes
    {
        private static readonly FailureSet Transport = FailureSet.Of(Failure.Network, Failure.Timeout, Failure.Canceled);
        private static readonly FailureSet StatusesAndNetwork = FailureSet.Statuses.With(Failure.Network);
        private static readonly FailureSet Unrelated = FailureSet.Of(Failure.Other);

        private readonly ConcurrentDictionary<ITypeSymbol, ExceptionInfo> _exceptionCache = new ConcurrentDictionary<ITypeSymbol, ExceptionInfo>(SymbolEqualityComparer.Default);

        private KnownTypes(Compilation compilation)
        {
            Exception = compilation.GetTypeByMetadataName("System.Exception");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            Random = compilation.GetTypeByMetadataName("System.Random");
            HttpStatusCode = compilation.GetTypeByMetadataName("System.Net.HttpStatusCode");
        }

        public INamedTypeSymbol? Exception { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? Random { get; }

        public INamedTypeSymbol? HttpStatusCode { get; }

        public static KnownTypes? Create(Compilation compilation)
        {
            var types = new KnownTypes(compilation);
            return types.Exception == null ? null : types;
        }

        public ExceptionInfo ClassifyException(ITypeSymbol? type)
        {
            if (type == null)
            {
                return new ExceptionInfo(FailureSet.AllFailures, ClientFamily.Any, catchesEverything: true);
            }

            if (type.TypeKind == TypeKind.Error)
            {
                // Mid-typing: an exception type that does not resolve yet catches nothing we can name.
                return new ExceptionInfo(Unrelated, ClientFamily.Unknown, catchesEverything: false);
            }

            return _exceptionCache.GetOrAdd(type, t => ClassifyUncached(t));
        }

        private static ExceptionInfo ClassifyUncached(ITypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (TryClassifyByName(current, type, out var info))
                {
                    return info;
                }
            }

            return new ExceptionInfo(Unrelated, ClientFamily.Unknown, catchesEverything: false);
        }

        private static bool TryClassifyByName(ITypeSymbol type, ITypeSymbol original, out ExceptionInfo info)
        {
            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            var name = type.Name;
            info = default;
            switch (ns)
            {
                case "System":
                    switch (name)
                    {
                        case "Exception":
                            info = new ExceptionInfo(FailureSet.AllFailures, ClientFamily.Any, catchesEverything: SymbolEqualityComparer.Default.Equals(type, original));
                            return true;
                        case "SystemException":
                            info = new ExceptionInfo(Transport.With(Failure.Other), ClientFamily.Any, false);
                            return true;
                        case "AggregateException":
                            info = new ExceptionInfo(FailureSet.AllFailures, ClientFamily.Any, false);
                            return true;
                        case "OperationCanceledException":
                            info = new ExceptionInfo(FailureSet.Of(Failure.Timeout, Failure.Canceled), ClientFamily.Any, false);
                            return true;
                        case "TimeoutException":
                            info = new ExceptionInfo(FailureSet.Of(Failure.Timeout), ClientFamily.Any, false);
                            return true;
                    }

                    break;
                case "System.IO" when name == "IOException":
                case "System.Net.Sockets" when name == "SocketException":
                    info = new ExceptionInfo(FailureSet.Of(Failure.Network), ClientFamily.Any, false);
                    return true;
                case "System.Net.Http" when name == "HttpRequestException":
                    info = new ExceptionInfo(StatusesAndNetwork, ClientFamily.HttpClient, false);
                    return true;
                case "System.Net" when name == "WebException":
                    info = new ExceptionInfo(StatusesAndNetwork.With(Failure.Timeout), ClientFamily.WebRequest, false);
                    return true;
                case "System.ClientModel" when name == "ClientResultException":
                    info = new ExceptionInfo(StatusesAndNetwork, ClientFamily.OpenAI, false);
                    return true;
                case "Azure" when name == "RequestFailedException":
                    info = new ExceptionInfo(StatusesAndNetwork, ClientFamily.Azure, false);
                    return true;
                case "Microsoft.SemanticKernel" when name == "HttpOperationException":
                    info = new ExceptionInfo(StatusesAndNetwork, ClientFamily.SemanticKernel, false);
                    return true;
                case "Refit" when name == "ApiException":
                    info = new ExceptionInfo(FailureSet.Statuses, ClientFamily.Refit, false);
                    return true;
                case "Refit" when name == "ApiRequestException":
                    info = new ExceptionInfo(FailureSet.Of(Failure.Network), ClientFamily.Refit, false);
                    return true;
                case "Anthropic.Exceptions":
                    var kinds = AnthropicKinds(name);
                    if (!kinds.IsEmpty)
                    {
                        info = new ExceptionInfo(kinds, ClientFamily.Anthropic, false);
                        return true;
                    }

                    break;
            }

            // A user's own rate-limit exception type (RateLimitException, TooManyRequestsException …).
            if (LooksLikeRateLimitName(name))
            {
                info = new ExceptionInfo(FailureSet.RateLimits, ClientFamily.Unknown, false);
                return true;
            }

            return false;
        }

        private static FailureSet AnthropicKinds(string name)
        {
            switch (name)
            {
                case "AnthropicException": return StatusesAndNetwork.With(Failure.Other);
                case "AnthropicServiceException":
                case "AnthropicApiException":
                case "AnthropicUnexpectedStatusCodeException": return FailureSet.Statuses;
                case "Anthropic4xxException": return FailureSet.ClientErrors.Union(FailureSet.RateLimits).Union(FailureSet.Of(Failure.S408, Failure.S409, Failure.S422));
                case "Anthropic5xxException": return FailureSet.Of(Failure.S500, Failure.S502, Failure.S503, Failure.S504);
                case "AnthropicBadRequestException": return FailureSet.Of(Failure.S400);
                case "AnthropicUnauthorizedException": return FailureSet.Of(Failure.S401);
                case "AnthropicPaymentRequiredException": return FailureSet.Of(Failure.S402);
                case "AnthropicForbiddenException": return FailureSet.Of(Failure.S403);
                case "AnthropicNotFoundException": return FailureSet.Of(Failure.S404);
                case "AnthropicRequestTimeoutException": return FailureSet.Of(Failure.S408);
                case "AnthropicConflictException": return FailureSet.Of(Failure.S409);
                case "AnthropicUnprocessableEntityException": return FailureSet.Of(Failure.S422);
                case "AnthropicRateLimitException": return FailureSet.RateLimits;
                case "AnthropicServiceUnavailableException":
                case "AnthropicOverloadedException": return FailureSet.Of(Failure.S503);
                case "AnthropicGatewayTimeoutException": return FailureSet.Of(Failure.S504);
                case "AnthropicIOException": return FailureSet.Of(Failure.Network);
                case "AnthropicSseException":
                case "AnthropicInvalidDataException": return FailureSet.Of(Failure.Other);
                default: return FailureSet.Empty;
            }
        }

        public static bool LooksLikeRateLimitName(string name)
        {
            return name.IndexOf("RateLimit", System.StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("TooManyRequests", System.StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Throttl", System.StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>Which client family a call belongs to, by the namespace of the type that declares it.</summary>
        public static ClientFamily FamilyOf(IMethodSymbol method) => FamilyOf(method.ContainingType);

        /// <summary>Which client family a type belongs to, by its namespace.</summary>
        public static ClientFamily FamilyOf(ITypeSymbol? type)
        {
            var ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns.StartsWith("System.Net.Http", System.StringComparison.Ordinal))
            {
                return ClientFamily.HttpClient;
            }

            if (ns.StartsWith("OpenAI", System.StringComparison.Ordinal) || ns.StartsWith("System.ClientModel", System.StringComparison.Ordinal) || ns.StartsWith("Azure.AI.OpenAI", System.StringComparison.Ordinal))
            {
                return ClientFamily.OpenAI;
            }

            if (ns.StartsWith("Anthropic", System.StringComparison.Ordinal))
            {
                return ClientFamily.Anthropic;
            }

            if (ns.StartsWith("Azure", System.StringComparison.Ordinal))
            {
                return ClientFamily.Azure;
            }

            if (ns.StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal))
            {
                return ClientFamily.SemanticKernel;
            }

            if (ns == "System.Net")
            {
                return ClientFamily.WebRequest;
            }

            return ClientFamily.Unknown;
        }

        public bool IsCancellationToken(ITypeSymbol? type) => type != null && SymbolEqualityComparer.Default.Equals(type, CancellationToken);

        /// <summary>
        /// A type that carries an HTTP status an attempt's caller inspects instead of catching an exception
        /// (HttpResponseMessage, RestSharp's RestResponse, Refit's IApiResponse, a user's ApiResult …).
        /// </summary>
        public bool HasStatusMember(ITypeSymbol? type)
        {
            type = UnwrapTask(type);
            if (type == null || type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol property && IsStatusProperty(property))
                    {
                        return true;
                    }
                }
            }

            foreach (var iface in type.AllInterfaces)
            {
                foreach (var member in iface.GetMembers())
                {
                    if (member is IPropertySymbol property && IsStatusProperty(property))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A property named like an HTTP status whose type can hold one.</summary>
        public bool IsStatusProperty(IPropertySymbol property)
        {
            switch (property.Name)
            {
                case "StatusCode":
                case "Status":
                case "HttpStatusCode":
                case "HttpStatus":
                case "ResponseStatusCode":
                    return IsStatusValueType(property.Type);
                default:
                    return false;
            }
        }

        public bool IsStatusValueType(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                type = named.TypeArguments[0];
            }

            return type != null && (type.SpecialType == SpecialType.System_Int32 || SymbolEqualityComparer.Default.Equals(type, HttpStatusCode));
        }

        public static ITypeSymbol? UnwrapTask(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 1
                && (named.Name == "Task" || named.Name == "ValueTask")
                && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                return named.TypeArguments[0];
            }

            return type;
        }

        public bool IsRandom(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, Random))
                {
                    return true;
                }
            }

            return type != null && type.Name == "RandomNumberGenerator" && type.ContainingNamespace?.ToDisplayString() == "System.Security.Cryptography";
        }
    }
}
