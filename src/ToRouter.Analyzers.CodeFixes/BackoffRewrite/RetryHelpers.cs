using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>The helper members a rewritten loop calls. Each is generated once per type, and not at all when the type already has it.</summary>
    internal enum RetryHelper
    {
        IsRetryableClientResult,
        GetRetryAfterClientResult,
        IsRetryableAnthropic,
        IsRetryableAzure,
        GetRetryAfterAzure,
        IsRetryableSemanticKernel,
        GetRetryAfterSemanticKernel,
        IsRetryableHttpResponse,
        GetRetryAfterHttpResponse,
        ShouldFailOverClientResult,
        ShouldFailOverAnthropic,
        ShouldFailOverAzure,
        ShouldFailOverSemanticKernel,
        ParseRetryAfter,
        GetRetryDelay,
        WithJitterMilliseconds,
        WithJitterTimeSpan,
        RetryRandom,
    }

    /// <summary>Writes the helper members as C# 7.3 text: fully qualified names (the fix adds the usings and simplifies them),
    /// no API newer than netstandard2.0 / .NET Framework 4.8.</summary>
    internal sealed class RetryHelperWriter
    {
        public const string RandomFieldName = "s_retryRandom";

        private readonly TorouterOptions _options;
        private readonly bool _nullable;
        private readonly Compilation _compilation;
        private readonly string _indent;
        private readonly string _unit;
        private readonly string _eol;

        public RetryHelperWriter(TorouterOptions options, Compilation compilation, bool nullable, string indent, string unit, string eol)
        {
            _options = options;
            _compilation = compilation;
            _nullable = nullable;
            _indent = indent;
            _unit = unit;
            _eol = eol;
        }

        /// <summary>Whether the type already declares the helper (in any of its parts), so it is reused.</summary>
        public static bool Exists(INamedTypeSymbol type, RetryHelper helper)
        {
            var (name, parameterType) = Signature(helper);
            foreach (var member in type.GetMembers(name))
            {
                if (parameterType == null)
                {
                    return true;
                }

                // The same name, first parameter and number of plain parameters: IsRetryable(HttpOperationException ex, out TimeSpan? retryAfter)
                // of the user's is another overload, and the generated one goes beside it.
                if (member is IMethodSymbol method && method.Parameters.Length == Arity(helper) && method.Parameters.All(p => p.RefKind == RefKind.None)
                    && method.Parameters[0].Type.OriginalDefinition.ToDisplayString().TrimEnd('?') == parameterType)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Which helper a member of the type is, judged by name and first parameter type (qualified or not).</summary>
        public static RetryHelper? Identify(Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax member)
        {
            string? name = null;
            string? parameterType = null;
            if (member is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method)
            {
                name = method.Identifier.ValueText;
                parameterType = method.ParameterList.Parameters.FirstOrDefault()?.Type?.ToString().TrimEnd('?');
            }
            else if (member is Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax field && field.Declaration.Variables.Count == 1)
            {
                name = field.Declaration.Variables[0].Identifier.ValueText;
            }

            foreach (RetryHelper helper in System.Enum.GetValues(typeof(RetryHelper)))
            {
                var (helperName, helperParameter) = Signature(helper);
                if (helperName != name)
                {
                    continue;
                }

                if (helperParameter == null || (parameterType != null && (helperParameter == parameterType || helperParameter.EndsWith("." + parameterType, System.StringComparison.Ordinal))))
                {
                    return helper;
                }
            }

            return null;
        }

        private static int Arity(RetryHelper helper)
            => helper == RetryHelper.IsRetryableHttpResponse || helper == RetryHelper.GetRetryDelay ? 2 : 1;

        private static (string Name, string? ParameterType) Signature(RetryHelper helper)
        {
            switch (helper)
            {
                case RetryHelper.IsRetryableClientResult: return ("IsRetryable", ClientFamily.ClientResultException);
                case RetryHelper.GetRetryAfterClientResult: return ("GetRetryAfter", ClientFamily.ClientResultException);
                case RetryHelper.IsRetryableAnthropic: return ("IsRetryable", ClientFamily.AnthropicException);
                case RetryHelper.IsRetryableAzure: return ("IsRetryable", ClientFamily.RequestFailedException);
                case RetryHelper.GetRetryAfterAzure: return ("GetRetryAfter", ClientFamily.RequestFailedException);
                case RetryHelper.IsRetryableSemanticKernel: return ("IsRetryable", ClientFamily.HttpOperationException);
                case RetryHelper.GetRetryAfterSemanticKernel: return ("GetRetryAfter", ClientFamily.HttpOperationException);
                case RetryHelper.IsRetryableHttpResponse: return ("IsRetryable", "System.Net.Http.HttpResponseMessage");
                case RetryHelper.GetRetryAfterHttpResponse: return ("GetRetryAfter", "System.Net.Http.HttpResponseMessage");
                case RetryHelper.ShouldFailOverClientResult: return ("ShouldFailOver", ClientFamily.ClientResultException);
                case RetryHelper.ShouldFailOverAnthropic: return ("ShouldFailOver", ClientFamily.AnthropicException);
                case RetryHelper.ShouldFailOverAzure: return ("ShouldFailOver", ClientFamily.RequestFailedException);
                case RetryHelper.ShouldFailOverSemanticKernel: return ("ShouldFailOver", ClientFamily.HttpOperationException);
                case RetryHelper.ParseRetryAfter: return ("ParseRetryAfter", "string");
                case RetryHelper.GetRetryDelay: return ("GetRetryDelay", "int");
                case RetryHelper.WithJitterMilliseconds: return ("WithJitter", "int");
                case RetryHelper.WithJitterTimeSpan: return ("WithJitter", "System.TimeSpan");
                default: return (RandomFieldName, null);
            }
        }

        /// <summary>The member's text: a blank line, then the member indented for the type, ending with a line break.</summary>
        public string Write(RetryHelper helper)
        {
            var lines = Lines(helper);
            var text = new StringBuilder(_eol);
            foreach (var line in lines)
            {
                if (line.Length == 0)
                {
                    text.Append(_eol);
                    continue;
                }

                var depth = 0;
                while (depth < line.Length && line[depth] == '\t')
                {
                    depth++;
                }

                text.Append(_indent);
                for (var i = 0; i < depth; i++)
                {
                    text.Append(_unit);
                }

                text.Append(line.Substring(depth)).Append(_eol);
            }

            return text.ToString();
        }

        private string Nullable(string type) => _nullable ? type + "?" : type;

        private bool HasMember(string typeName, string member)
            => _compilation.GetTypeByMetadataName(typeName) is INamedTypeSymbol type
                && EnumerateSelfAndBases(type).Any(t => t.GetMembers(member).Any());

        private static IEnumerable<INamedTypeSymbol> EnumerateSelfAndBases(INamedTypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                yield return current;
            }
        }

        private const string StickyComment = "// Spent quotas ({0}) never clear by waiting, so they are terminal like 400-404.";

        private IEnumerable<string> StickyLines(string textExpression)
        {
            var codes = string.Join(", ", _options.StickyCodes.Select(c => "\"" + c.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));
            yield return "\tforeach (var code in new[] { " + codes + " })";
            yield return "\t{";
            yield return "\t\tif (" + textExpression + ".IndexOf(code, System.StringComparison.Ordinal) >= 0)";
            yield return "\t\t{";
            yield return "\t\t\treturn false;";
            yield return "\t\t}";
            yield return "\t}";
            yield return "";
        }

        private string Comment() => string.Format(CultureInfo.InvariantCulture, StickyComment, string.Join(", ", _options.StickyCodes.Take(2)) + (_options.StickyCodes.Length > 2 ? ", ..." : ""));

        private IEnumerable<string> CapLines(string retryAfter)
        {
            yield return "\tif (" + retryAfter + " > System.TimeSpan.FromMilliseconds(" + _options.MaxDelayMs.ToString(CultureInfo.InvariantCulture) + "))";
            yield return "\t{";
            yield return "\t\treturn false; // the server asks for a longer wait than the backoff cap";
            yield return "\t}";
            yield return "";
        }

        // Moving on is what a failover loop is for when this key or endpoint is down, rate limited or out of quota; a 400-404
        // would fail the same way on the next one (and TR0003 still applies to failover loops).
        private const string FailOverComment = "// Another key or endpoint may succeed where this one is unreachable, overloaded, rate limited or out of quota; 400-404 are the request's own fault.";

        private static IEnumerable<string> StatusLines(string status)
        {
            yield return "\treturn " + status + " == 408 || " + status + " == 429 || " + status + " >= 500;";
        }

        private static IEnumerable<string> NoResponseLines(string condition)
        {
            yield return "\tif (" + condition + ")";
            yield return "\t{";
            yield return "\t\treturn true; // no response came back: a network failure";
            yield return "\t}";
            yield return "";
        }

        private static IEnumerable<string> ReadBodyLines()
        {
            yield return "\tvar response = ex.GetRawResponse();";
            yield return "\ttry";
            yield return "\t{";
            yield return "\t\terror += response == null ? \"\" : response.Content.ToString();";
            yield return "\t}";
            yield return "\tcatch (System.InvalidOperationException)";
            yield return "\t{";
            yield return "\t\t// the error body was not buffered; the message still names the error";
            yield return "\t}";
            yield return "";
        }

        private List<string> Lines(RetryHelper helper)
        {
            var lines = new List<string>();
            switch (helper)
            {
                case RetryHelper.IsRetryableClientResult:
                    lines.Add(Comment());
                    lines.Add("private static bool IsRetryable(" + ClientFamily.ClientResultException + " ex)");
                    lines.Add("{");
                    lines.AddRange(NoResponseLines("ex.Status == 0"));
                    lines.Add("\tvar error = ex.Message;");
                    lines.AddRange(ReadBodyLines());
                    lines.AddRange(StickyLines("error"));
                    lines.AddRange(CapLines("GetRetryAfter(ex)"));
                    lines.AddRange(StatusLines("ex.Status"));
                    lines.Add("}");
                    break;
                case RetryHelper.IsRetryableAzure:
                    lines.Add(Comment());
                    lines.Add("private static bool IsRetryable(" + ClientFamily.RequestFailedException + " ex)");
                    lines.Add("{");
                    lines.AddRange(NoResponseLines("ex.Status == 0"));
                    lines.Add("\tvar error = ex.ErrorCode + \" \" + ex.Message;");
                    lines.AddRange(ReadBodyLines());
                    lines.AddRange(StickyLines("error"));
                    lines.AddRange(CapLines("GetRetryAfter(ex)"));
                    lines.AddRange(StatusLines("ex.Status"));
                    lines.Add("}");
                    break;
                case RetryHelper.GetRetryAfterClientResult:
                case RetryHelper.GetRetryAfterAzure:
                    var exceptionType = helper == RetryHelper.GetRetryAfterAzure ? ClientFamily.RequestFailedException : ClientFamily.ClientResultException;
                    lines.Add("private static System.TimeSpan? GetRetryAfter(" + exceptionType + " ex)");
                    lines.Add("{");
                    lines.Add("\tvar response = ex.GetRawResponse();");
                    lines.Add("\tstring" + (_nullable ? "?" : "") + " value;");
                    lines.Add("\treturn response != null && response.Headers.TryGetValue(\"Retry-After\", out value) ? ParseRetryAfter(value) : null;");
                    lines.Add("}");
                    break;
                case RetryHelper.IsRetryableAnthropic:
                    var typeText = HasMember("Anthropic.Exceptions.AnthropicServiceException", "Type") ? "apiError.Type?.Raw() + \" \" + " : "";
                    var codeText = HasMember("Anthropic.Exceptions.AnthropicServiceException", "ErrorCode") ? "apiError.ErrorCode + \" \" + " : "";
                    lines.Add(Comment());
                    lines.Add("private static bool IsRetryable(" + ClientFamily.AnthropicException + " ex)");
                    lines.Add("{");
                    lines.Add("\tvar apiError = ex as Anthropic.Exceptions.AnthropicApiException;");
                    lines.Add("\tif (apiError == null)");
                    lines.Add("\t{");
                    lines.Add("\t\treturn ex is Anthropic.Exceptions.AnthropicIOException; // no response came back: a network failure");
                    lines.Add("\t}");
                    lines.Add("");
                    lines.Add("\tvar error = " + typeText + codeText + "apiError.ResponseBody;");
                    lines.AddRange(StickyLines("error"));
                    lines.Add("\tvar status = (int)apiError.StatusCode;");
                    lines.AddRange(StatusLines("status"));
                    lines.Add("}");
                    break;
                case RetryHelper.IsRetryableSemanticKernel:
                    var hasClientResult = _compilation.GetTypeByMetadataName(ClientFamily.ClientResultException) != null;
                    lines.Add(Comment());
                    lines.Add("private static bool IsRetryable(" + ClientFamily.HttpOperationException + " ex)");
                    lines.Add("{");
                    if (hasClientResult)
                    {
                        lines.Add("\tvar inner = ex.InnerException as " + ClientFamily.ClientResultException + ";");
                        lines.Add("\tif (inner != null)");
                        lines.Add("\t{");
                        lines.Add("\t\treturn IsRetryable(inner); // the OpenAI connector wraps the SDK's exception");
                        lines.Add("\t}");
                        lines.Add("");
                    }

                    lines.AddRange(NoResponseLines("ex.StatusCode == null"));
                    lines.Add("\tvar error = ex.Message + \" \" + ex.ResponseContent;");
                    lines.AddRange(StickyLines("error"));
                    lines.Add("\tvar status = (int)ex.StatusCode.Value;");
                    lines.AddRange(StatusLines("status"));
                    lines.Add("}");
                    break;
                case RetryHelper.GetRetryAfterSemanticKernel:
                    lines.Add("private static System.TimeSpan? GetRetryAfter(" + ClientFamily.HttpOperationException + " ex)");
                    lines.Add("{");
                    lines.Add("\tvar inner = ex.InnerException as " + ClientFamily.ClientResultException + ";");
                    lines.Add("\treturn inner == null ? null : GetRetryAfter(inner);");
                    lines.Add("}");
                    break;
                case RetryHelper.IsRetryableHttpResponse:
                    lines.Add(Comment());
                    lines.Add("private static bool IsRetryable(" + Nullable("System.Net.Http.HttpResponseMessage") + " response, " + Nullable("string") + " body)");
                    lines.Add("{");
                    lines.AddRange(NoResponseLines("response == null"));
                    lines.Add("\tvar error = body ?? \"\";");
                    lines.AddRange(StickyLines("error"));
                    lines.AddRange(CapLines("GetRetryAfter(response)"));
                    lines.Add("\tvar status = (int)response.StatusCode;");
                    lines.AddRange(StatusLines("status"));
                    lines.Add("}");
                    break;
                case RetryHelper.GetRetryAfterHttpResponse:
                    lines.Add("private static System.TimeSpan? GetRetryAfter(" + Nullable("System.Net.Http.HttpResponseMessage") + " response)");
                    lines.Add("{");
                    lines.Add("\tvar retryAfter = response == null ? null : response.Headers.RetryAfter;");
                    lines.Add("\treturn retryAfter == null ? null : retryAfter.Delta ?? retryAfter.Date - System.DateTimeOffset.UtcNow;");
                    lines.Add("}");
                    break;
                case RetryHelper.ShouldFailOverClientResult:
                case RetryHelper.ShouldFailOverAzure:
                    lines.Add(FailOverComment);
                    lines.Add("private static bool ShouldFailOver(" + (helper == RetryHelper.ShouldFailOverAzure ? ClientFamily.RequestFailedException : ClientFamily.ClientResultException) + " ex)");
                    lines.Add("{");
                    lines.AddRange(NoResponseLines("ex.Status == 0"));
                    lines.AddRange(StatusLines("ex.Status"));
                    lines.Add("}");
                    break;
                case RetryHelper.ShouldFailOverAnthropic:
                    lines.Add(FailOverComment);
                    lines.Add("private static bool ShouldFailOver(" + ClientFamily.AnthropicException + " ex)");
                    lines.Add("{");
                    lines.Add("\tvar apiError = ex as Anthropic.Exceptions.AnthropicApiException;");
                    lines.Add("\tif (apiError == null)");
                    lines.Add("\t{");
                    lines.Add("\t\treturn ex is Anthropic.Exceptions.AnthropicIOException; // no response came back: a network failure");
                    lines.Add("\t}");
                    lines.Add("");
                    lines.Add("\tvar status = (int)apiError.StatusCode;");
                    lines.AddRange(StatusLines("status"));
                    lines.Add("}");
                    break;
                case RetryHelper.ShouldFailOverSemanticKernel:
                    lines.Add(FailOverComment);
                    lines.Add("private static bool ShouldFailOver(" + ClientFamily.HttpOperationException + " ex)");
                    lines.Add("{");
                    lines.AddRange(NoResponseLines("ex.StatusCode == null"));
                    lines.Add("\tvar status = (int)ex.StatusCode.Value;");
                    lines.AddRange(StatusLines("status"));
                    lines.Add("}");
                    break;
                case RetryHelper.ParseRetryAfter:
                    lines.Add("// Retry-After is either a number of seconds or an HTTP date.");
                    lines.Add("private static System.TimeSpan? ParseRetryAfter(" + Nullable("string") + " value)");
                    lines.Add("{");
                    lines.Add("\tint seconds;");
                    lines.Add("\tif (int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out seconds))");
                    lines.Add("\t{");
                    lines.Add("\t\treturn System.TimeSpan.FromSeconds(seconds);");
                    lines.Add("\t}");
                    lines.Add("");
                    lines.Add("\tSystem.DateTimeOffset date;");
                    lines.Add("\tif (System.DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out date))");
                    lines.Add("\t{");
                    lines.Add("\t\treturn date - System.DateTimeOffset.UtcNow;");
                    lines.Add("\t}");
                    lines.Add("");
                    lines.Add("\treturn null;");
                    lines.Add("}");
                    break;
                case RetryHelper.GetRetryDelay:
                    var baseMs = _options.BaseDelayMs.ToString(CultureInfo.InvariantCulture);
                    var capMs = _options.MaxDelayMs.ToString(CultureInfo.InvariantCulture);
                    lines.Add("// Exponential backoff with full jitter: a random wait below " + baseMs + " ms * 2^(attempt - 1), at most " + capMs + " ms, never shorter than Retry-After.");
                    lines.Add("private static System.TimeSpan GetRetryDelay(int attempt, System.TimeSpan? retryAfter)");
                    lines.Add("{");
                    lines.Add("\tif (" + RandomFieldName + " == null)");
                    lines.Add("\t{");
                    lines.Add("\t\t" + RandomFieldName + " = new System.Random(System.Guid.NewGuid().GetHashCode());");
                    lines.Add("\t}");
                    lines.Add("");
                    lines.Add("\tvar ceiling = System.Math.Min(" + capMs + ", " + baseMs + " * System.Math.Pow(2, System.Math.Min(attempt - 1, 30)));");
                    lines.Add("\tvar delay = System.TimeSpan.FromMilliseconds(" + RandomFieldName + ".NextDouble() * ceiling);");
                    lines.Add("\treturn retryAfter > delay ? retryAfter.Value : delay;");
                    lines.Add("}");
                    break;
                case RetryHelper.WithJitterMilliseconds:
                case RetryHelper.WithJitterTimeSpan:
                    var milliseconds = helper == RetryHelper.WithJitterMilliseconds;
                    lines.Add("// Equal jitter: a random wait between half and all of the computed delay, so clients that failed together do not retry together.");
                    lines.Add(milliseconds ? "private static int WithJitter(int delayMilliseconds)" : "private static System.TimeSpan WithJitter(System.TimeSpan delay)");
                    lines.Add("{");
                    lines.Add("\tif (" + RandomFieldName + " == null)");
                    lines.Add("\t{");
                    lines.Add("\t\t" + RandomFieldName + " = new System.Random(System.Guid.NewGuid().GetHashCode());");
                    lines.Add("\t}");
                    lines.Add("");
                    if (milliseconds)
                    {
                        lines.Add("\tvar half = System.Math.Max(0, delayMilliseconds) / 2;");
                        lines.Add("\treturn half + " + RandomFieldName + ".Next(half + 1);");
                    }
                    else
                    {
                        lines.Add("\treturn System.TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + " + RandomFieldName + ".NextDouble() / 2));");
                    }

                    lines.Add("}");
                    break;
                case RetryHelper.RetryRandom:
                    lines.Add("// One generator per thread: System.Random is not thread-safe.");
                    lines.Add("[System.ThreadStatic]");
                    lines.Add("private static " + Nullable("System.Random") + " " + RandomFieldName + ";");
                    break;
            }

            return lines;
        }
    }
}
