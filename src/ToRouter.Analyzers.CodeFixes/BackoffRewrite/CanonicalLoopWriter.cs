using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>The new loop's text, the statements outside it to remove, and the helpers it calls.</summary>
    internal sealed class LoopRewrite
    {
        public LoopRewrite(StatementSyntax oldLoop, string newLoopText, List<TextSpan> generatedSpans, List<SyntaxNode> removeOutside, HashSet<RetryHelper> helpers, TypeDeclarationSyntax containingType)
        {
            OldLoop = oldLoop;
            NewLoopText = newLoopText;
            GeneratedSpans = generatedSpans;
            RemoveOutside = removeOutside;
            Helpers = helpers;
            ContainingType = containingType;
        }

        public StatementSyntax OldLoop { get; }

        /// <summary>The full text of the new loop, leading and trailing trivia included.</summary>
        public string NewLoopText { get; }

        /// <summary>Spans of <see cref="NewLoopText"/> that the fix wrote (the rest is the user's text): only these get usings and name simplification.</summary>
        public List<TextSpan> GeneratedSpans { get; }

        public List<SyntaxNode> RemoveOutside { get; }

        public HashSet<RetryHelper> Helpers { get; }

        public TypeDeclarationSyntax ContainingType { get; }
    }

    /// <summary>
    /// Writes the canonical retry loop (SPEC section 4):
    /// <code>
    /// for (int attempt = 1; ; attempt++)
    /// {
    ///     try { ...the attempted statements, unchanged... }
    ///     catch (ClientResultException ex) when (attempt &lt; 6 &amp;&amp; IsRetryable(ex))
    ///     {
    ///         await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), cancellationToken);
    ///     }
    /// }
    /// </code>
    /// The last failure propagates through the filter with its original stack; sticky quota codes, 400-404 and the
    /// caller's cancellation are terminal.
    /// </summary>
    internal sealed class CanonicalLoopWriter
    {
        private readonly SemanticModel _model;
        private readonly RetryLoopAnatomy _anatomy;
        private readonly ClientFamilyKind _family;
        private readonly TorouterOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly StringBuilder _text = new StringBuilder();
        private readonly List<TextSpan> _generated = new List<TextSpan>();
        private readonly HashSet<RetryHelper> _helpers = new HashSet<RetryHelper>();
        private string _eol = "\n";
        private string _unit = "    ";

        private CanonicalLoopWriter(SemanticModel model, RetryLoopAnatomy anatomy, ClientFamilyKind family, TorouterOptions options, CancellationToken cancellationToken)
        {
            _model = model;
            _anatomy = anatomy;
            _family = family;
            _options = options;
            _cancellationToken = cancellationToken;
        }

        public static string? LastFailure { get; private set; }

        public static LoopRewrite? Write(SemanticModel model, RetryLoopAnatomy anatomy, ClientFamilyKind family, TorouterOptions options, CancellationToken cancellationToken)
        {
            LastFailure = null;
            return new CanonicalLoopWriter(model, anatomy, family, options, cancellationToken).Run();
        }

        private LoopRewrite? Fail(string reason)
        {
            LastFailure = reason;
            return null;
        }

        private void Gen(string text)
        {
            _generated.Add(new TextSpan(_text.Length, text.Length));
            _text.Append(text);
        }

        private void Keep(string text) => _text.Append(text);

        private LoopRewrite? Run()
        {
            var loop = _anatomy.Loop;
            var containingType = loop.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (containingType == null || containingType is InterfaceDeclarationSyntax)
            {
                return Fail("the loop is not inside a class or struct");
            }

            _eol = SyntaxFormatting.EndOfLine(loop.SyntaxTree.GetRoot(_cancellationToken));
            var indent = SyntaxFormatting.IndentOf(_anatomy.NeedsIndent ? (SyntaxNode)_anatomy.Try : loop);
            _unit = SyntaxFormatting.IndentUnit(_anatomy.NeedsIndent ? (SyntaxNode)_anatomy.Try : loop, indent);
            var inner = indent + _unit;
            var shift = _anatomy.NeedsIndent ? _unit : "";
            var compilation = _model.Compilation;
            var isAsync = SyntaxFormatting.IsInAsyncFunction(loop);
            var configureAwait = loop.FirstAncestorOrSelf<MemberDeclarationSyntax>()?.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Any(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "ConfigureAwait"
                    && i.ArgumentList.Arguments.Count == 1 && i.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression)) == true;
            var token = FindCancellationToken(loop);
            var counter = ChooseName(loop, "attempt", "attemptNumber", "retryAttempt");
            var exceptionName = _anatomy.CatchIdentifier
                ?? _anatomy.RetryingCatches.Select(c => c.Declaration?.Identifier.ValueText).FirstOrDefault(n => !string.IsNullOrEmpty(n))
                ?? ChooseName(loop, "ex", "exception", "failure");
            var nullable = _model.GetNullableContext(loop.SpanStart).AnnotationsEnabled();
            var max = _options.MaxAttempts.ToString(CultureInfo.InvariantCulture);
            if (counter == null || exceptionName == null)
            {
                return Fail("no free name for the attempt counter");
            }

            // What the try block becomes: the success flag turns into a break; HttpClient responses are read before they throw.
            var tryBlock = _anatomy.Try.Block;
            var ensureCalls = new List<ExpressionStatementSyntax>();
            if (_family == ClientFamilyKind.HttpClient)
            {
                foreach (var statement in tryBlock.DescendantNodes().OfType<ExpressionStatementSyntax>())
                {
                    if (statement.Expression is InvocationExpressionSyntax call && call.Expression is MemberAccessExpressionSyntax member
                        && member.Name.Identifier.ValueText == "EnsureSuccessStatusCode"
                        && _model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol method
                        && method.ContainingType?.ToDisplayString() == "System.Net.Http.HttpResponseMessage")
                    {
                        if (!(member.Expression is IdentifierNameSyntax) || !(statement.Parent is BlockSyntax))
                        {
                            return Fail("EnsureSuccessStatusCode is not called on a response variable");
                        }

                        ensureCalls.Add(statement);
                    }
                }

                if (ensureCalls.Count == 0 && tryBlock.DescendantNodes().OfType<ThrowStatementSyntax>().Any())
                {
                    return Fail("the attempt turns statuses into exceptions by itself");
                }
            }

            var readsStatus = ensureCalls.Count > 0;
            var nodesToReplace = new Dictionary<SyntaxNode, string>();
            foreach (var ensure in ensureCalls)
            {
                var response = ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)ensure.Expression).Expression).Expression.ToString();
                var at = SyntaxFormatting.IndentOf(ensure);
                var read = isAsync
                    ? "await " + response + ".Content.ReadAsStringAsync()" + (configureAwait ? ".ConfigureAwait(false)" : "")
                    : response + ".Content.ReadAsStringAsync().GetAwaiter().GetResult()";
                nodesToReplace[ensure] =
                    at + "if (!" + response + ".IsSuccessStatusCode)" + _eol
                    + at + "{" + _eol
                    + at + _unit + "failedResponse = " + response + ";" + _eol
                    + at + _unit + "failedBody = " + read + ";" + _eol
                    + at + "}" + _eol + _eol;
            }

            // Which catch clauses to generate.
            var catches = new List<(string Type, bool NeedsVariable, string Filter, string RetryAfter)>();
            var v = exceptionName;
            var keptUsesVariable = _anatomy.CatchIdentifier != null;
            switch (_family)
            {
                case ClientFamilyKind.OpenAI:
                    catches.Add((ClientFamily.ClientResultException, true, "IsRetryable(" + v + ")", "GetRetryAfter(" + v + ")"));
                    _helpers.UnionWith(new[] { RetryHelper.IsRetryableClientResult, RetryHelper.GetRetryAfterClientResult, RetryHelper.ParseRetryAfter });
                    break;
                case ClientFamilyKind.AzureCore:
                    if (!HasMember(compilation, ClientFamily.RequestFailedException, "GetRawResponse"))
                    {
                        return Fail("this Azure.Core has no RequestFailedException.GetRawResponse()");
                    }

                    catches.Add((ClientFamily.RequestFailedException, true, "IsRetryable(" + v + ")", "GetRetryAfter(" + v + ")"));
                    _helpers.UnionWith(new[] { RetryHelper.IsRetryableAzure, RetryHelper.GetRetryAfterAzure, RetryHelper.ParseRetryAfter });
                    break;
                case ClientFamilyKind.Anthropic:
                    if (!HasMember(compilation, "Anthropic.Exceptions.AnthropicApiException", "ResponseBody")
                        || compilation.GetTypeByMetadataName("Anthropic.Exceptions.AnthropicIOException") == null)
                    {
                        return Fail("this Anthropic SDK does not expose the error body");
                    }

                    catches.Add((ClientFamily.AnthropicException, true, "IsRetryable(" + v + ")", "null"));
                    _helpers.Add(RetryHelper.IsRetryableAnthropic);
                    break;
                case ClientFamilyKind.SemanticKernel:
                    var hasClientResult = compilation.GetTypeByMetadataName(ClientFamily.ClientResultException) != null;
                    catches.Add((ClientFamily.HttpOperationException, true, "IsRetryable(" + v + ")", hasClientResult ? "GetRetryAfter(" + v + ")" : "null"));
                    _helpers.Add(RetryHelper.IsRetryableSemanticKernel);
                    if (hasClientResult)
                    {
                        catches.Add((ClientFamily.ClientResultException, true, "IsRetryable(" + v + ")", "GetRetryAfter(" + v + ")"));
                        _helpers.UnionWith(new[] { RetryHelper.GetRetryAfterSemanticKernel, RetryHelper.IsRetryableClientResult, RetryHelper.GetRetryAfterClientResult, RetryHelper.ParseRetryAfter });
                    }

                    break;
                case ClientFamilyKind.HttpClient:
                    if (readsStatus)
                    {
                        catches.Add((ClientFamily.HttpRequestException, keptUsesVariable, "IsRetryable(failedResponse, failedBody)", "GetRetryAfter(failedResponse)"));
                        _helpers.UnionWith(new[] { RetryHelper.IsRetryableHttpResponse, RetryHelper.GetRetryAfterHttpResponse });
                    }
                    else
                    {
                        // Nothing turns a status into an exception here: an HttpRequestException means no response came back.
                        catches.Add((ClientFamily.HttpRequestException, keptUsesVariable, "", "null"));
                    }

                    break;
                default:
                    var transient = new List<string>();
                    // An HttpRequestException may carry a 4xx from EnsureSuccessStatusCode: retry it only when no response came back,
                    // which only .NET 5+ can tell (HttpRequestException.StatusCode).
                    var requestError = ChooseName(loop, "requestError", "httpError");
                    if (HasMember(compilation, ClientFamily.HttpRequestException, "StatusCode") && requestError != null)
                    {
                        transient.Add("(" + v + " is " + ClientFamily.HttpRequestException + " " + requestError + " && " + requestError + ".StatusCode == null)");
                    }

                    transient.Add(v + " is System.IO.IOException");
                    transient.Add(v + " is System.TimeoutException");
                    transient.Add(token == null
                        ? v + " is System.Threading.Tasks.TaskCanceledException"
                        : "(" + v + " is System.Threading.Tasks.TaskCanceledException && !" + token + ".IsCancellationRequested)");
                    catches.Add(("System.Exception", true, "(" + string.Join(" || ", transient) + ")", "null"));
                    break;
            }

            if (_family != ClientFamilyKind.Unknown)
            {
                catches.Add(("System.Threading.Tasks.TaskCanceledException", keptUsesVariable, token == null ? "" : "!" + token + ".IsCancellationRequested", "null"));
            }

            _helpers.UnionWith(new[] { RetryHelper.GetRetryDelay, RetryHelper.RetryRandom });

            // A kept `catch (OperationCanceledException) { throw; }` already decides about cancellations: generate no clause it would shadow.
            catches = catches.Where(c => !IsShadowedByTerminalCatch(compilation, c.Type)).ToList();
            if (catches.Count == 0 || IsShadowedByTerminalCatch(compilation, catches[0].Type) || (catches[0].Type == "System.Threading.Tasks.TaskCanceledException"))
            {
                return Fail("a kept catch clause already handles the failures the rewrite retries");
            }

            // The loop.
            var leading = _anatomy.Loop.GetLeadingTrivia().ToFullString();
            Keep(leading.Substring(0, leading.Length - SyntaxFormatting.IndentOf(_anatomy.Loop).Length) + indent);
            foreach (var comment in _anatomy.OuterComments)
            {
                Gen(comment.ToFullString() + _eol + indent);
            }

            Gen("for (int " + counter + " = 1; ; " + counter + "++)");
            foreach (var comment in _anatomy.HeaderComments)
            {
                Gen(" " + comment.ToString());
            }

            Gen(_eol + indent + "{" + _eol);
            if (readsStatus)
            {
                Gen(inner + Nullable(nullable, "System.Net.Http.HttpResponseMessage") + " failedResponse = null;" + _eol);
                Gen(inner + Nullable(nullable, "string") + " failedBody = null;" + _eol);
                Gen(_eol);
            }

            foreach (var statement in _anatomy.KeptBeforeTry)
            {
                if (!AppendKept(statement, shift))
                {
                    return Fail("a multi-line string would have to be re-indented");
                }
            }

            // try { ... }
            var tryText = RewriteTryBlock(tryBlock, nodesToReplace, shift);
            if (tryText == null)
            {
                return Fail("a multi-line string would have to be re-indented");
            }

            Keep(SyntaxFormatting.Reindent(_anatomy.Try.TryKeyword.ToFullString(), shift));
            _text.Append(tryText);
            foreach (var clause in _anatomy.TerminalCatchesBefore)
            {
                if (!AppendKept(clause, shift))
                {
                    return Fail("a multi-line string would have to be re-indented");
                }
            }

            var body = inner + _unit;
            var comments = _anatomy.InnerComments;
            for (var i = 0; i < catches.Count; i++)
            {
                var (type, needsVariable, filter, retryAfter) = catches[i];
                if (_family == ClientFamilyKind.Unknown)
                {
                    Gen(inner + "// The client is not one ToRouter.Analyzers recognises, so only network failures and timeouts are retried." + _eol);
                }

                Gen(inner + "catch (" + type + (needsVariable ? " " + v : "") + ") when (" + counter + " < " + max + (filter.Length > 0 ? " && " + filter : "") + ")" + _eol);
                Gen(inner + "{" + _eol);
                foreach (var statement in _anatomy.KeptOnFailure)
                {
                    var delta = SyntaxFormatting.IndentDelta(SyntaxFormatting.IndentOf(statement), body);
                    if (delta == null || !AppendKept(statement, delta))
                    {
                        return Fail("a kept statement cannot be re-indented");
                    }
                }

                if (i == 0)
                {
                    foreach (var comment in comments)
                    {
                        Gen(body + comment.ToString() + _eol);
                    }
                }

                var delay = "GetRetryDelay(" + counter + ", " + retryAfter + ")";
                Gen(body + (isAsync
                    ? "await System.Threading.Tasks.Task.Delay(" + delay + ", " + (token ?? "System.Threading.CancellationToken.None") + ")" + (configureAwait ? ".ConfigureAwait(false)" : "") + ";"
                    : "System.Threading.Thread.Sleep(" + delay + ");") + _eol);
                Gen(inner + "}" + _eol);
            }

            foreach (var clause in _anatomy.TerminalCatchesAfter)
            {
                if (!AppendKept(clause, shift))
                {
                    return Fail("a multi-line string would have to be re-indented");
                }
            }

            if (_anatomy.Try.Finally != null && !AppendKept(_anatomy.Try.Finally, shift))
            {
                return Fail("a multi-line string would have to be re-indented");
            }

            Gen(indent + "}");
            Keep((_anatomy.NeedsIndent ? (SyntaxNode)_anatomy.Try : _anatomy.Loop).GetTrailingTrivia().ToFullString());

            var removeOutside = _anatomy.RemovedOutside.Cast<SyntaxNode>().Concat(_anatomy.MovedIntoLoop).ToList();
            return new LoopRewrite(loop, _text.ToString(), _generated, removeOutside, _helpers, containingType);
        }

        private static string Nullable(bool nullable, string type) => nullable ? type + "?" : type;

        private static bool HasMember(Compilation compilation, string typeName, string member)
        {
            for (var type = compilation.GetTypeByMetadataName(typeName); type != null; type = type.BaseType)
            {
                if (type.GetMembers(member).Any())
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsShadowedByTerminalCatch(Compilation compilation, string typeName)
        {
            var generated = compilation.GetTypeByMetadataName(typeName);
            foreach (var clause in _anatomy.TerminalCatchesBefore)
            {
                if (clause.Filter != null)
                {
                    continue;
                }

                var caught = clause.Declaration == null ? compilation.GetTypeByMetadataName("System.Exception") : _model.GetTypeInfo(clause.Declaration.Type, _cancellationToken).Type;
                for (var type = generated as ITypeSymbol; type != null; type = type.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(type, caught))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool AppendKept(SyntaxNode node, string shift)
        {
            if (shift.Length > 0 && SyntaxFormatting.HasMultiLineToken(node))
            {
                return false;
            }

            Keep(SyntaxFormatting.Reindent(node.ToFullString(), shift));
            return true;
        }

        /// <summary>The try block's text with the success flag turned into a break and the HttpClient reads inserted.</summary>
        private string? RewriteTryBlock(BlockSyntax block, Dictionary<SyntaxNode, string> insertBefore, string shift)
        {
            if (shift.Length > 0 && SyntaxFormatting.HasMultiLineToken(block))
            {
                return null;
            }

            // Edit the original text so that everything else stays byte for byte, then re-indent it as a whole.
            var edits = new List<(int Start, int End, string Text)>();
            foreach (var pair in insertBefore)
            {
                var start = pair.Key.SpanStart - SyntaxFormatting.IndentOf(pair.Key).Length;
                edits.Add((start, start, pair.Value));
            }

            var flag = _anatomy.SuccessFlagAssignment;
            if (flag != null)
            {
                if (_anatomy.KeepSuccessFlag)
                {
                    var end = flag.FullSpan.End;
                    edits.Add((end, end, SyntaxFormatting.IndentOf(flag) + "break;" + _eol));
                }
                else
                {
                    edits.Add((flag.Span.Start, flag.Span.End, "break;"));
                }
            }

            var text = block.ToFullString();
            var offset = block.FullSpan.Start;
            var result = new StringBuilder();
            var position = 0;
            foreach (var (start, end, insert) in edits.OrderBy(e => e.Start))
            {
                result.Append(text, position, start - offset - position).Append(insert);
                position = end - offset;
            }

            result.Append(text, position, text.Length - position);
            return SyntaxFormatting.Reindent(result.ToString(), shift, SyntaxFormatting.StartsLine(block));
        }

        private string? FindCancellationToken(StatementSyntax loop)
        {
            var candidates = _model.LookupSymbols(loop.SpanStart)
                .Where(s => (s is ILocalSymbol local && local.Type.ToDisplayString() == "System.Threading.CancellationToken")
                    || (s is IParameterSymbol parameter && parameter.Type.ToDisplayString() == "System.Threading.CancellationToken"))
                .Where(s => !_anatomy.RemovedLocalNames.Contains(s.Name))
                .ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            var used = candidates.FirstOrDefault(c => _anatomy.Try.Block.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == c.Name));
            return (used ?? candidates.FirstOrDefault(c => c is IParameterSymbol) ?? candidates[0]).Name;
        }

        /// <summary>The first name that nothing in scope at the loop, and nothing declared inside it, already uses (removed locals are free).</summary>
        private string? ChooseName(StatementSyntax loop, params string[] names)
        {
            var retryingCatchNames = new HashSet<string>(_anatomy.RetryingCatches.Select(c => c.Declaration?.Identifier.ValueText ?? ""));
            var declaredInside = new HashSet<string>(loop.DescendantNodes().Select(n =>
            {
                switch (n)
                {
                    case VariableDeclaratorSyntax d: return d.Identifier.ValueText;
                    case SingleVariableDesignationSyntax d: return d.Identifier.ValueText;
                    case ForEachStatementSyntax f: return f.Identifier.ValueText;
                    case CatchDeclarationSyntax c when !retryingCatchNames.Contains(c.Identifier.ValueText): return c.Identifier.ValueText;
                    case ParameterSyntax p: return p.Identifier.ValueText;
                    default: return "";
                }
            }));
            foreach (var name in names)
            {
                var reusable = _anatomy.RemovedLocalNames.Contains(name);
                var inScope = _model.LookupSymbols(loop.SpanStart, name: name).Any(s => s is ILocalSymbol || s is IParameterSymbol || s is IRangeVariableSymbol);
                if (reusable || (!inScope && !declaredInside.Contains(name)))
                {
                    return name;
                }
            }

            return null;
        }
    }
}
