using System;
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
        public LoopRewrite(StatementSyntax oldLoop, string newLoopText, List<TextSpan> generatedSpans, List<SyntaxNode> removeOutside, HashSet<RetryHelper> helpers, SyntaxNode containingType)
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

        /// <summary>The start values of count-down budgets that kept code reports: they become max_attempts, so "retries left" stays true.</summary>
        public List<ExpressionSyntax> BudgetStarts { get; set; } = new List<ExpressionSyntax>();

        public HashSet<RetryHelper> Helpers { get; }

        /// <summary>Where the helpers go: the loop's type, or for top-level statements the compilation unit (a <c>partial class Program</c>).</summary>
        public SyntaxNode ContainingType { get; }
    }

    /// <summary>A catch clause the fix generates for a client family: <c>catch (Type v) when (… Filter)</c>, waiting at least <c>RetryAfter</c>.</summary>
    internal readonly struct GeneratedCatch
    {
        public GeneratedCatch(string type, bool needsVariable, string filter, string retryAfter)
        {
            Type = type;
            NeedsVariable = needsVariable;
            Filter = filter;
            RetryAfter = retryAfter;
        }

        public string Type { get; }

        public bool NeedsVariable { get; }

        /// <summary>What the failure must be to be retried (or failed over); empty when the type says it all.</summary>
        public string Filter { get; }

        public string RetryAfter { get; }
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
    /// caller's cancellation are terminal. A loop with no try keeps its status check: the send alone goes in the try
    /// (network failures and timeouts are retried there), and the failing branch decides from the status and body.
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
        private string? _failure;

        private CanonicalLoopWriter(SemanticModel model, RetryLoopAnatomy anatomy, ClientFamilyKind family, TorouterOptions options, CancellationToken cancellationToken)
        {
            _model = model;
            _anatomy = anatomy;
            _family = family;
            _options = options;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The rewrite, or null with the reason it cannot be written.</summary>
        public static LoopRewrite? Write(SemanticModel model, RetryLoopAnatomy anatomy, ClientFamilyKind family, TorouterOptions options, CancellationToken cancellationToken, out string? failure)
        {
            var writer = new CanonicalLoopWriter(model, anatomy, family, options, cancellationToken);
            var rewrite = writer.Run();
            failure = rewrite == null ? writer._failure : null;
            return rewrite;
        }

        private LoopRewrite? Fail(string reason)
        {
            _failure = reason;
            return null;
        }

        private void Gen(string text)
        {
            _generated.Add(new TextSpan(_text.Length, text.Length));
            _text.Append(text);
        }

        private void Keep(string text) => _text.Append(text);

        /// <summary>
        /// The catch clauses that retry (or, with <paramref name="failover"/>, move on from) a family's failures, and the
        /// helpers they call. <paramref name="readsStatus"/>: an HttpClient attempt whose statuses the fix reads into
        /// <c>failedResponse</c>/<c>failedBody</c>. Null with a reason when this build of the library lacks what the helpers read.
        /// </summary>
        internal static List<GeneratedCatch>? FamilyCatches(Compilation compilation, ClientFamilyKind family, string v, string? token, bool readsStatus,
            bool keptUsesVariable, bool failover, Func<string[], string?> chooseName, HashSet<RetryHelper> helpers, out string? failure, bool catchesWebException = false)
        {
            failure = null;
            var catches = new List<GeneratedCatch>();
            var classify = failover ? "ShouldFailOver(" + v + ")" : "IsRetryable(" + v + ")";
            switch (family)
            {
                case ClientFamilyKind.OpenAI:
                    catches.Add(new GeneratedCatch(ClientFamily.ClientResultException, true, classify, "GetRetryAfter(" + v + ")"));
                    helpers.UnionWith(failover
                        ? new[] { RetryHelper.ShouldFailOverClientResult }
                        : new[] { RetryHelper.IsRetryableClientResult, RetryHelper.GetRetryAfterClientResult, RetryHelper.ParseRetryAfter });
                    break;
                case ClientFamilyKind.AzureCore:
                    if (!HasMember(compilation, ClientFamily.RequestFailedException, "GetRawResponse"))
                    {
                        failure = "this Azure.Core has no RequestFailedException.GetRawResponse()";
                        return null;
                    }

                    catches.Add(new GeneratedCatch(ClientFamily.RequestFailedException, true, classify, "GetRetryAfter(" + v + ")"));
                    helpers.UnionWith(failover
                        ? new[] { RetryHelper.ShouldFailOverAzure }
                        : new[] { RetryHelper.IsRetryableAzure, RetryHelper.GetRetryAfterAzure, RetryHelper.ParseRetryAfter });
                    break;
                case ClientFamilyKind.Anthropic:
                    if (!HasMember(compilation, "Anthropic.Exceptions.AnthropicApiException", "ResponseBody")
                        || compilation.GetTypeByMetadataName("Anthropic.Exceptions.AnthropicIOException") == null)
                    {
                        failure = "this Anthropic SDK does not expose the error body";
                        return null;
                    }

                    catches.Add(new GeneratedCatch(ClientFamily.AnthropicException, true, classify, "null"));
                    helpers.Add(failover ? RetryHelper.ShouldFailOverAnthropic : RetryHelper.IsRetryableAnthropic);
                    break;
                case ClientFamilyKind.SemanticKernel:
                    var hasClientResult = compilation.GetTypeByMetadataName(ClientFamily.ClientResultException) != null;
                    catches.Add(new GeneratedCatch(ClientFamily.HttpOperationException, true, classify, hasClientResult && !failover ? "GetRetryAfter(" + v + ")" : "null"));
                    helpers.Add(failover ? RetryHelper.ShouldFailOverSemanticKernel : RetryHelper.IsRetryableSemanticKernel);
                    if (hasClientResult)
                    {
                        // The IChatClient path lets the OpenAI SDK's exception through unwrapped.
                        catches.Add(new GeneratedCatch(ClientFamily.ClientResultException, true, classify, "GetRetryAfter(" + v + ")"));
                        helpers.UnionWith(failover
                            ? new[] { RetryHelper.ShouldFailOverClientResult }
                            : new[] { RetryHelper.GetRetryAfterSemanticKernel, RetryHelper.IsRetryableClientResult, RetryHelper.GetRetryAfterClientResult, RetryHelper.ParseRetryAfter });
                    }

                    break;
                case ClientFamilyKind.HttpClient:
                    if (readsStatus)
                    {
                        if (failover)
                        {
                            failure = "HttpRequestException carries no status here, so the failures worth moving on for cannot be told apart";
                            return null;
                        }

                        catches.Add(new GeneratedCatch(ClientFamily.HttpRequestException, keptUsesVariable, "IsRetryable(failedResponse, failedBody)", "GetRetryAfter(failedResponse)"));
                        helpers.UnionWith(new[] { RetryHelper.IsRetryableHttpResponse, RetryHelper.GetRetryAfterHttpResponse });
                    }
                    else
                    {
                        // Nothing turns a status into an exception here: an HttpRequestException means no response came back.
                        catches.Add(new GeneratedCatch(ClientFamily.HttpRequestException, keptUsesVariable, "", "null"));
                    }

                    break;
                default:
                    var transient = new List<string>();
                    // An HttpRequestException may carry a 4xx from EnsureSuccessStatusCode: retry it only when no response came back,
                    // which only .NET 5+ can tell (HttpRequestException.StatusCode).
                    var requestError = chooseName(new[] { "requestError", "httpError" });
                    if (HasMember(compilation, ClientFamily.HttpRequestException, "StatusCode") && requestError != null)
                    {
                        transient.Add("(" + v + " is " + ClientFamily.HttpRequestException + " " + requestError + " && " + requestError + ".StatusCode == null)");
                    }

                    // HttpWebRequest / WebClient: a WebException without an HTTP response (ProtocolError) is a network failure or a timeout.
                    var webError = catchesWebException ? chooseName(new[] { "webError", "webException" }) : null;
                    if (webError != null)
                    {
                        transient.Add("(" + v + " is System.Net.WebException " + webError + " && " + webError + ".Status != System.Net.WebExceptionStatus.ProtocolError)");
                    }

                    transient.Add(v + " is System.IO.IOException");
                    transient.Add(v + " is System.TimeoutException");
                    transient.Add(token == null
                        ? v + " is System.Threading.Tasks.TaskCanceledException"
                        : "(" + v + " is System.Threading.Tasks.TaskCanceledException && !" + token + ".IsCancellationRequested)");
                    catches.Add(new GeneratedCatch("System.Exception", true, "(" + string.Join(" || ", transient) + ")", "null"));
                    break;
            }

            if (family != ClientFamilyKind.Unknown)
            {
                catches.Add(new GeneratedCatch("System.Threading.Tasks.TaskCanceledException", keptUsesVariable, token == null ? "" : "!" + token + ".IsCancellationRequested", "null"));
            }

            return catches;
        }

        private LoopRewrite? Run()
        {
            var loop = _anatomy.Loop;
            // Top-level statements (in a local function there): the helpers go into the program's own class.
            var containingType = (SyntaxNode?)loop.FirstAncestorOrSelf<TypeDeclarationSyntax>()
                ?? (loop.FirstAncestorOrSelf<GlobalStatementSyntax>() != null ? loop.SyntaxTree.GetRoot(_cancellationToken) : null);
            if (containingType == null || containingType is InterfaceDeclarationSyntax)
            {
                return Fail("the loop is not inside a class or struct");
            }

            _eol = SyntaxFormatting.EndOfLine(loop.SyntaxTree.GetRoot(_cancellationToken));
            var anchor = _anatomy.NeedsIndent ? (SyntaxNode)_anatomy.Try! : loop;
            var indent = SyntaxFormatting.IndentOf(anchor);
            _unit = SyntaxFormatting.IndentUnit(anchor, indent);
            var inner = indent + _unit;
            var shift = _anatomy.NeedsIndent ? _unit : "";
            var compilation = _model.Compilation;
            var isAsync = ToRouter.Analyzers.Model.RetryRegion.IsInAsyncFunction(loop);
            var configureAwait = loop.FirstAncestorOrSelf<MemberDeclarationSyntax>()?.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Any(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "ConfigureAwait"
                    && i.ArgumentList.Arguments.Count == 1 && i.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression)) == true;
            var token = FindCancellationToken(loop);
            var counter = _anatomy.CounterName ?? ChooseName(loop, "attempt", "attemptNumber", "retryAttempt");
            var exceptionName = _anatomy.CatchIdentifier
                ?? _anatomy.RetryingCatches.Select(c => c.Declaration?.Identifier.ValueText).FirstOrDefault(n => !string.IsNullOrEmpty(n))
                ?? ChooseName(loop, "ex", "exception", "failure");
            var nullable = _model.GetNullableContext(loop.SpanStart).AnnotationsEnabled();
            var max = _anatomy.UserBound is { } userBound && (userBound.Value == -1 || (userBound.Value >= 1 && userBound.Value <= _options.MaxAttempts))
                ? userBound.Name // the user's own constant, which their logging or exception reports
                : _options.MaxAttempts.ToString(CultureInfo.InvariantCulture);
            if (counter == null || exceptionName == null)
            {
                return Fail("no free name for the attempt counter");
            }

            // The number of the attempt that just failed, counted from 1, in the counter's own numbering.
            var attemptNumber = _anatomy.CounterBase == 1 ? counter : counter + " + 1";
            var status = _anatomy.Status;

            // What the try block becomes: the success flag turns into a break; HttpClient responses are read before they throw.
            var ensureCalls = new List<ExpressionStatementSyntax>();
            var bodyHidingCalls = new List<BodyHidingCall>();
            if (_family == ClientFamilyKind.HttpClient && _anatomy.Try != null)
            {
                foreach (var statement in _anatomy.Try.Block.DescendantNodes().OfType<ExpressionStatementSyntax>())
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

                foreach (var call in _anatomy.Try.Block.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (BodyHidingCall.Find(_model, call, _cancellationToken) is BodyHidingCall hiding)
                    {
                        bodyHidingCalls.Add(hiding);
                    }
                }

                if (ensureCalls.Count == 0 && bodyHidingCalls.Count == 0 && _anatomy.Try.Block.DescendantNodes().OfType<ThrowStatementSyntax>().Any())
                {
                    return Fail("the attempt turns statuses into exceptions by itself");
                }
            }

            var readsStatus = ensureCalls.Count > 0 || bodyHidingCalls.Count > 0 || _anatomy.FailingStatusAtTryEnd != null || _anatomy.FailingStatusBranch != null;
            // Edits of the try block, on top of the removed machinery: the HttpClient reads go in where a status turns into an exception.
            var tryEdits = new List<(int Start, int End, string Text)>();
            foreach (var ensure in ensureCalls)
            {
                var response = ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)ensure.Expression).Expression).Expression.ToString();
                var at = SyntaxFormatting.IndentOf(ensure);
                tryEdits.Add((ensure.SpanStart - at.Length, ensure.SpanStart - at.Length, RecordFailure(response, at, onlyIfFailing: true, ensure: false, isAsync, configureAwait)));
            }

            foreach (var hiding in bodyHidingCalls)
            {
                // return await http.GetStringAsync(url); → send with GetAsync, keep the failing response and its body, then read the content.
                var response = ChooseName(_anatomy.Loop, "response", "httpResponse", "sendResponse");
                if (response == null || bodyHidingCalls.Count > 1)
                {
                    return Fail("the attempt reads more than one response through GetStringAsync-style calls");
                }

                var at = SyntaxFormatting.IndentOf(hiding.Statement);
                var start = hiding.Statement.SpanStart - at.Length;
                tryEdits.Add((start, start, at + "var " + response + " = " + hiding.SendText() + ";" + _eol
                    + RecordFailure(response, at, onlyIfFailing: true, ensure: true, isAsync, configureAwait)));
                tryEdits.Add((hiding.Result.SpanStart, hiding.Result.Span.End, hiding.ReadText(response)));
            }

            if (_anatomy.FailingStatusAtTryEnd is string failing && _anatomy.Try != null)
            {
                // The status check returned on success: what reaches the end of the try is a failing status.
                var end = _anatomy.Try.Block.CloseBraceToken.FullSpan.Start;
                tryEdits.Add((end, end, _eol + RecordFailure(failing, SyntaxFormatting.IndentOf(_anatomy.Try.Block.Statements.Last()), onlyIfFailing: false, ensure: true, isAsync, configureAwait)));
            }

            if (_anatomy.FailingStatusBranch is { } failingBranch)
            {
                // The branch keeps its logging; what went round now throws, so the generated catches decide about it.
                var end = failingBranch.Branch.CloseBraceToken.FullSpan.Start;
                var keepsLogging = failingBranch.Branch.Statements.Any(st => !_anatomy.RemovedInside.Contains(st));
                tryEdits.Add((end, end, (keepsLogging ? _eol : "")
                    + RecordFailure(failingBranch.Response, SyntaxFormatting.IndentOf(failingBranch.Branch) + _unit, onlyIfFailing: false, ensure: true, isAsync, configureAwait)));
            }

            // Which catch clauses to generate.
            var catchesWebException = _anatomy.RetryingCatches.Any(c => c.Declaration != null
                && _model.GetTypeInfo(c.Declaration.Type, _cancellationToken).Type?.ToDisplayString() == "System.Net.WebException");
            var catches = FamilyCatches(compilation, _family, exceptionName, token, readsStatus, _anatomy.CatchIdentifier != null, failover: false,
                names => ChooseName(loop, names), _helpers, out var familyFailure, catchesWebException);
            if (catches == null)
            {
                return Fail(familyFailure!);
            }

            // catch (TException) in a generic retry helper: the caller chooses what is retried, and that choice stays.
            var chosenByCaller = _anatomy.RetryingCatches.Select(c => c.Declaration == null ? null : _model.GetTypeInfo(c.Declaration.Type, _cancellationToken).Type)
                .OfType<ITypeParameterSymbol>().FirstOrDefault();
            if (chosenByCaller != null && _family == ClientFamilyKind.Unknown)
            {
                catches = new List<GeneratedCatch> { new GeneratedCatch(chosenByCaller.Name, _anatomy.CatchIdentifier != null, "", "null") };
            }

            _helpers.UnionWith(new[] { RetryHelper.GetRetryDelay, RetryHelper.RetryRandom });

            // A kept `catch (OperationCanceledException) { throw; }` already decides about cancellations: generate no clause it would shadow.
            catches = catches.Where(c => !IsShadowedByTerminalCatch(compilation, c.Type)).ToList();
            if (catches.Count == 0 || IsShadowedByTerminalCatch(compilation, catches[0].Type) || (catches[0].Type == "System.Threading.Tasks.TaskCanceledException"))
            {
                return Fail("a kept catch clause already handles the failures the rewrite retries");
            }

            // Kept code that reads the caught exception goes into every clause whose type has what it reads; a clause it
            // does not fit (a timeout, where the user's catch took only the SDK's exception) is left out.
            // (Catches that each keep their own work are matched to the family's clauses one by one below.)
            var keptCode = _anatomy.KeptOnFailure.Cast<SyntaxNode>().Concat(_anatomy.KeptFilterConditions).ToList();
            var keptIdentifier = _anatomy.CatchIdentifier ?? (_anatomy.KeptFilterConditions.Count > 0 ? exceptionName : null);
            var keptFits = catches.Select(c => _anatomy.KeptByCatch.Count > 0 || chosenByCaller != null || FitsCatchType(_model, keptCode, keptIdentifier, c.Type, _cancellationToken)).ToList();
            if (!keptFits[0])
            {
                // catch (AnthropicApiException ex) { Log(ex.StatusCode); … }: keep the user's narrower type, which the helpers accept.
                var caught = _anatomy.RetryingCatches.Select(c => c.Declaration == null ? null : _model.GetTypeInfo(c.Declaration.Type, _cancellationToken).Type)
                    .FirstOrDefault(c => c != null && FitsCatchType(_model, _anatomy.KeptOnFailure, _anatomy.CatchIdentifier, c.ToDisplayString(), _cancellationToken));
                var familyType = compilation.GetTypeByMetadataName(catches[0].Type);
                if (caught == null || familyType == null || !compilation.ClassifyConversion(caught, familyType).IsImplicit)
                {
                    return Fail("kept code reads members the generated catch type does not have");
                }

                catches[0] = _family == ClientFamilyKind.Unknown && caught.ToDisplayString() == "System.Net.WebException"
                    ? new GeneratedCatch(caught.ToDisplayString(), true, "(" + exceptionName + ".Status != System.Net.WebExceptionStatus.ProtocolError)", "null")
                    : new GeneratedCatch(caught.ToDisplayString(), catches[0].NeedsVariable, catches[0].Filter, catches[0].RetryAfter);
                keptFits[0] = true;
            }

            catches = catches.Where((c, i) => keptFits[i]).ToList();

            // For a client it does not recognise the rewrite retries only failures with no response; kept code that reads the
            // WebException's response (its status, its Retry-After) would then read null.
            if (_family == ClientFamilyKind.Unknown && _anatomy.KeptOnFailure.Concat(_anatomy.KeptByCatch.SelectMany(k => k.Kept))
                .SelectMany(k => k.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>())
                .Any(m => m.Name.Identifier.ValueText == "Response" && _model.GetTypeInfo(m.Expression, _cancellationToken).Type?.ToDisplayString() == "System.Net.WebException"))
            {
                return Fail("kept code reads the failed response, and only failures with no response are retried for this client");
            }

            // What each generated clause keeps: the failure path's statements, or, when the user's catches each did their own
            // work, each user catch with its own statements (its type narrowed by the family's decision), then the rest.
            var clauses = catches.Select(c => (Catch: c, Kept: _anatomy.KeptOnFailure)).ToList();
            if (_anatomy.KeptByCatch.Count > 0)
            {
                clauses.Clear();
                var takenOver = new List<GeneratedCatch>();
                foreach (var (clause, kept) in _anatomy.KeptByCatch)
                {
                    var caught = _model.GetTypeInfo(clause.Declaration!.Type, _cancellationToken).Type;
                    var index = catches.FindIndex(c => caught != null && compilation.GetTypeByMetadataName(c.Type) is INamedTypeSymbol generated
                        && compilation.ClassifyConversion(caught, generated).IsImplicit);
                    if (index < 0)
                    {
                        // The user's base of one generated type (OperationCanceledException for TaskCanceledException): it takes that clause's
                        // decision, and the generated clause, which it would hide (CS0160), goes.
                        var derived = catches.Where(c => caught != null && compilation.GetTypeByMetadataName(c.Type) is INamedTypeSymbol generated
                            && compilation.ClassifyConversion(generated, caught).IsImplicit).ToList();
                        if (derived.Count > 1)
                        {
                            return Fail("a catch of the user's covers more than one kind of failure");
                        }

                        index = derived.Count == 1 ? catches.FindIndex(c => c.Type == derived[0].Type) : -1;
                        takenOver.AddRange(derived);
                    }

                    // Another library's exception (a defensive RequestFailedException next to ClientResultException): that library's
                    // decision. A type of the user's own (JsonException from reading the reply): still retried, now bounded and backed off.
                    var g = index >= 0 ? catches[index]
                        : OtherFamilyCatch(compilation, caught, exceptionName, token, loop)
                            ?? new GeneratedCatch(caught?.ToDisplayString() ?? "System.Exception", false, "", "null");
                    clauses.Add((new GeneratedCatch(caught!.ToDisplayString(), UsesName(g, kept, exceptionName), g.Filter, g.RetryAfter), kept));
                }

                // The family's own clauses follow (catch (AnthropicApiException) after the user's derived types), as in a plain rewrite.
                var userTypes = clauses.Select(k => k.Catch.Type).Concat(takenOver.Select(c => c.Type)).ToList();
                clauses.AddRange(catches.Where(c => !userTypes.Contains(c.Type))
                    .Select(c => (Catch: new GeneratedCatch(c.Type, UsesName(c, new List<StatementSyntax>(), exceptionName), c.Filter, c.RetryAfter), Kept: new List<StatementSyntax>())));
            }

            // The loop.
            var leading = _anatomy.Loop.GetLeadingTrivia().ToFullString();
            if (_anatomy.KeptBeforeTry.Contains(_anatomy.Loop))
            {
                leading = SyntaxFormatting.IndentOf(_anatomy.Loop); // its own comments stay with it inside the loop
            }

            // When everything before the loop in its block goes (int attempt = 0;), the loop opens the block: no blank line first.
            if (_anatomy.Loop.Parent is BlockSyntax parentBlock)
            {
                var before = parentBlock.Statements.TakeWhile(st => st != _anatomy.Loop).ToList();
                var removedRun = before.AsEnumerable().Reverse().TakeWhile(st => _anatomy.RemovedOutside.Contains(st) || _anatomy.MovedIntoLoop.Contains(st)).ToList();
                if (removedRun.Count == before.Count)
                {
                    leading = System.Text.RegularExpressions.Regex.Replace(leading, @"^([ \t]*\r?\n)+", "");
                }
                else if (removedRun.Count > 0 && StartsWithBlankLine(removedRun[removedRun.Count - 1].GetLeadingTrivia().ToFullString()) && !StartsWithBlankLine(leading))
                {
                    leading = _eol + leading; // the blank line that set off the removed bookkeeping now sets off the loop
                }
            }

            Keep(leading.Substring(0, leading.Length - SyntaxFormatting.IndentOf(_anatomy.Loop).Length) + indent);
            foreach (var comment in _anatomy.OuterComments)
            {
                Gen(comment.ToFullString() + _eol + indent);
            }

            // With the user's own ending kept after the loop, the loop runs out after max_attempts and falls through to it.
            var bound = !_anatomy.KeepsCodeAfterLoop ? " " : " " + counter + (_anatomy.CounterBase == 1 ? " <= " : " < ") + max;
            if (_anatomy.KeepsCodeAfterLoop && _anatomy.UserConditions.Count > 0)
            {
                // A do loop's condition was first checked after the first attempt.
                var conditions = string.Join(" && ", _anatomy.UserConditions.Select(Conjunct));
                bound += " && " + (_anatomy.IsDoLoop ? "(" + counter + " == " + _anatomy.CounterBase.ToString(CultureInfo.InvariantCulture) + " || " + conditions + ")" : conditions);
            }

            // for (int attempt = 1, remaining = 3; ; attempt++, remaining--): a count-down of the user's that kept code reads.
            var companion = _anatomy.HeaderCompanion is { } userCount ? (Declarator: ", " + userCount.Declarator, Step: ", " + userCount.Step) : (Declarator: "", Step: "");
            Gen(_anatomy.KeepCounterDeclaration
                ? "for (;" + bound + "; " + counter + "++)"
                : "for (int " + counter + " = " + _anatomy.CounterBase.ToString(CultureInfo.InvariantCulture) + companion.Declarator + ";" + bound + "; " + counter + "++" + companion.Step + ")");
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

            if (_anatomy.StepBeforeAttempt != null)
            {
                Gen(inner + _anatomy.StepBeforeAttempt + _eol);
            }

            foreach (var statement in _anatomy.KeptBeforeTry)
            {
                if (!AppendKept(statement, shift))
                {
                    return Fail("a multi-line string would have to be re-indented");
                }
            }

            // try { ... }
            if (status != null)
            {
                if (!AppendSend(status, inner))
                {
                    return Fail("a multi-line string would have to be re-indented");
                }
            }
            else
            {
                var tryText = RewriteTryBlock(_anatomy.Try!.Block, tryEdits, shift);
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
            }

            var body = inner + _unit;
            var comments = status == null ? _anatomy.InnerComments : new List<SyntaxTrivia>();

            // A 'using var response = await …' send stays as written: it cannot be split around a try, so (as in the
            // original) a failure to get any response propagates; every status still goes through the failure code.
            var sendOutsideTry = status != null && status.DisposedByUsing;
            for (var i = 0; i < clauses.Count && !sendOutsideTry; i++)
            {
                var generated = clauses[i].Catch;
                var v = exceptionName;
                if (_family == ClientFamilyKind.Unknown && chosenByCaller == null)
                {
                    Gen(inner + "// The client is not one ToRouter.Analyzers recognises, so only network failures and timeouts are retried." + _eol);
                }

                // The bound sits in the filter, unless the loop runs out into kept code or the catch's own give-up ends the last attempt.
                var filter = !_anatomy.KeepsCodeAfterLoop && _anatomy.GiveUp == null && _anatomy.LoggedOnGiveUp.Count == 0 ? Compare(attemptNumber, " < ", max) + (generated.Filter.Length == 0 ? "" : " && " + generated.Filter)
                    : generated.Filter.Length == 0 ? ""
                    : _family == ClientFamilyKind.Unknown && generated.Filter.StartsWith("(", StringComparison.Ordinal) ? generated.Filter.Substring(1, generated.Filter.Length - 2) // the transient types' (a || b) alone
                    : generated.Filter;
                // Each kept condition once, though several of the user's catches had it (when (remaining > 0) on both).
                foreach (var condition in _anatomy.KeptFilterConditions.Concat(_anatomy.KeepsCodeAfterLoop ? Enumerable.Empty<ExpressionSyntax>() : _anatomy.UserConditions)
                    .Select(Conjunct).Distinct())
                {
                    filter += (filter.Length > 0 ? " && " : "") + condition;
                }

                Gen(inner + "catch (" + generated.Type + (generated.NeedsVariable ? " " + v : "") + ")" + (filter.Length > 0 ? " when (" + filter + ")" : "") + _eol);
                Gen(inner + "{" + _eol);
                var firstInBody = true;
                if (i == 0 && status == null)
                {
                    foreach (var comment in _anatomy.LeadingInnerComments)
                    {
                        Gen(body + comment.ToString() + _eol);
                    }
                }

                foreach (var statement in clauses[i].Kept)
                {
                    var delta = SyntaxFormatting.IndentDelta(SyntaxFormatting.IndentOf(statement), body);
                    if (statement == _anatomy.GiveUp)
                    {
                        if (delta == null || SyntaxFormatting.HasMultiLineToken(statement))
                        {
                            return Fail("a kept statement cannot be re-indented");
                        }

                        Keep(SyntaxFormatting.Reindent(GiveUpText(_anatomy.GiveUp, Compare(attemptNumber, " >= ", max), _anatomy.GiveUpBreakKept), delta));
                    }
                    else if (SyntaxFormatting.MoveIndent(WithoutRemovedWaits(statement), SyntaxFormatting.IndentOf(statement), body) is string moved)
                    {
                        // The blank line that followed removed machinery does not open the new catch body.
                        Keep(firstInBody ? System.Text.RegularExpressions.Regex.Replace(moved, @"^([ \t]*\r?\n)+", "") : moved);
                    }
                    else
                    {
                        return Fail("a kept statement cannot be re-indented");
                    }

                    firstInBody = false;
                }

                if (_anatomy.LoggedOnGiveUp.Count > 0)
                {
                    if (clauses[i].Kept.LastOrDefault() is StatementSyntax previous && previous.GetLastToken().IsKind(SyntaxKind.CloseBraceToken))
                    {
                        Gen(_eol); // set off from a kept block, as the wait is below
                    }

                    Gen(body + "if (" + Compare(attemptNumber, " >= ", max) + ")" + _eol + body + "{" + _eol);
                    foreach (var statement in _anatomy.LoggedOnGiveUp)
                    {
                        var moved = SyntaxFormatting.MoveIndent(statement, SyntaxFormatting.IndentOf(statement), body + _unit);
                        if (moved == null)
                        {
                            return Fail("a statement after the loop cannot be re-indented");
                        }

                        Keep(moved.TrimStart('\r', '\n'));
                    }

                    Gen(body + _unit + "throw;" + _eol + body + "}" + _eol + _eol);
                }

                if (i == 0)
                {
                    foreach (var comment in comments)
                    {
                        Gen(body + comment.ToString() + _eol);
                    }
                }

                if (clauses[i].Kept.LastOrDefault() is StatementSyntax lastKept && lastKept == _anatomy.GiveUp)
                {
                    Gen(_eol); // the give-up block, a blank line, then the wait
                }

                Gen(WaitUnlessLast(body, Wait("GetRetryDelay(" + attemptNumber + ", " + generated.RetryAfter + ")", isAsync, token, configureAwait), attemptNumber, max));
                if (_anatomy.StepOnRetry != null)
                {
                    Gen(body + _anatomy.StepOnRetry + _eol);
                }

                if (status != null || _anatomy.SuccessAfterTry.Count > 0)
                {
                    Gen((_anatomy.KeepsCodeAfterLoop ? _eol : "") + body + "continue;" + _eol);
                }

                Gen(inner + "}" + _eol);
            }

            if (status != null)
            {
                _helpers.UnionWith(new[] { RetryHelper.IsRetryableHttpResponse, RetryHelper.GetRetryAfterHttpResponse });
                if (!AppendStatusTail(status, inner, attemptNumber, max, isAsync, token, configureAwait))
                {
                    return null;
                }
            }

            foreach (var clause in _anatomy.TerminalCatchesAfter)
            {
                if (!AppendKept(clause, shift))
                {
                    return Fail("a multi-line string would have to be re-indented");
                }
            }

            if (_anatomy.Try?.Finally != null && !AppendKept(_anatomy.Try.Finally, shift))
            {
                return Fail("a multi-line string would have to be re-indented");
            }

            foreach (var statement in _anatomy.SuccessAfterTry)
            {
                Keep(statement.ToFullString());
            }

            Gen(indent + "}");
            Keep(anchor.GetTrailingTrivia().ToFullString());

            var removeOutside = _anatomy.RemovedOutside.Cast<SyntaxNode>().Concat(_anatomy.MovedIntoLoop).ToList();
            return new LoopRewrite(loop, _text.ToString(), _generated, removeOutside, _helpers, containingType) { BudgetStarts = _anatomy.BudgetStarts };
        }

        /// <summary>The generated clause of the library whose exception <paramref name="caught"/> is, when that is not the attempt's own library.</summary>
        private GeneratedCatch? OtherFamilyCatch(Compilation compilation, ITypeSymbol? caught, string exceptionName, string? token, StatementSyntax loop)
        {
            if (caught == null || !(ClientFamily.FromExceptionType(caught) is ClientFamilyKind kind) || kind == _family || kind == ClientFamilyKind.HttpClient)
            {
                return null;
            }

            var helpers = new HashSet<RetryHelper>();
            var generated = FamilyCatches(compilation, kind, exceptionName, token, readsStatus: false, keptUsesVariable: true, failover: false, names => ChooseName(loop, names), helpers, out _)
                ?.FirstOrDefault(c => compilation.GetTypeByMetadataName(c.Type) is INamedTypeSymbol type && compilation.ClassifyConversion(caught, type).IsImplicit);
            if (generated != null)
            {
                _helpers.UnionWith(helpers);
            }

            return generated;
        }

        /// <summary>A kept statement without the waits inside it that the rewrite removed (the waits of an if/else's branches).</summary>
        private StatementSyntax WithoutRemovedWaits(StatementSyntax statement)
        {
            var nested = _anatomy.RemovedInside.Where(r => r != statement && statement.Span.Contains(r.Span)).ToList();
            return nested.Count == 0 ? statement : statement.RemoveNodes(nested, SyntaxRemoveOptions.KeepNoTrivia) ?? statement;
        }

        /// <summary>A condition joined to others with &amp;&amp;: only what binds looser (a || b, a ? b : c, a ?? b) needs parentheses.</summary>
        private static string Conjunct(ExpressionSyntax condition)
            => condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression } || condition is ConditionalExpressionSyntax
                ? "(" + condition + ")"
                : condition.ToString();

        /// <summary>Whether <paramref name="code"/> still compiles with <paramref name="variable"/> caught as <paramref name="typeName"/>.</summary>
        internal static bool FitsCatchType(SemanticModel model, IEnumerable<SyntaxNode> code, string? variable, string typeName, CancellationToken cancellationToken)
        {
            if (variable == null)
            {
                return true;
            }

            var type = model.Compilation.GetTypeByMetadataName(typeName);
            foreach (var use in code.SelectMany(n => n.DescendantNodesAndSelf()).OfType<IdentifierNameSyntax>().Where(id => id.Identifier.ValueText == variable))
            {
                if (!(model.GetSymbolInfo(use, cancellationToken).Symbol is ILocalSymbol local) || !local.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is CatchDeclarationSyntax))
                {
                    continue;
                }

                var member = use.Parent is MemberAccessExpressionSyntax access && access.Expression == use ? model.GetSymbolInfo(access, cancellationToken).Symbol : null;
                var needed = member != null ? member.ContainingType : model.GetTypeInfo(use, cancellationToken).ConvertedType;
                if (type == null || needed == null || !model.Compilation.ClassifyConversion(type, needed).IsImplicit)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Keeps a failing response and its body for the generated filter (<c>failedResponse</c>, <c>failedBody</c>), only when the
        /// status fails or unconditionally where only failures arrive; with <paramref name="ensure"/>, then lets EnsureSuccessStatusCode throw.
        /// </summary>
        private string RecordFailure(string response, string at, bool onlyIfFailing, bool ensure, bool isAsync, bool configureAwait)
        {
            var inner = onlyIfFailing ? at + _unit : at;
            var record = inner + "failedResponse = " + response + ";" + _eol
                + inner + "failedBody = " + ReadBody(response, isAsync, configureAwait) + ";" + _eol;
            var text = onlyIfFailing
                ? at + "if (!" + response + ".IsSuccessStatusCode)" + _eol + at + "{" + _eol + record + at + "}" + _eol + _eol
                : record;
            return ensure ? text + at + response + ".EnsureSuccessStatusCode();" + _eol : text;
        }

        private string ReadBody(string response, bool isAsync, bool configureAwait)
            => isAsync
                ? "await " + response + ".Content.ReadAsStringAsync()" + (configureAwait ? ".ConfigureAwait(false)" : "")
                : response + ".Content.ReadAsStringAsync().GetAwaiter().GetResult()";

        private static string Wait(string delay, bool isAsync, string? token, bool configureAwait)
            => isAsync
                ? "await System.Threading.Tasks.Task.Delay(" + delay + ", " + (token ?? "System.Threading.CancellationToken.None") + ")" + (configureAwait ? ".ConfigureAwait(false)" : "") + ";"
                : "System.Threading.Thread.Sleep(" + delay + ");";

        /// <summary>
        /// A status-check loop's send, alone in the try: <c>HttpResponseMessage response; try { response = …; }</c>. A declaration
        /// is split so the response stays in scope after the try.
        /// </summary>
        private bool AppendSend(StatusCheck status, string inner)
        {
            if (SyntaxFormatting.HasMultiLineToken(status.Send))
            {
                return false;
            }

            var name = status.Response.Name;
            if (status.InUsingBlock)
            {
                return true; // the using statement is kept with the rest of the attempt
            }

            if (status.DisposedByUsing)
            {
                Keep(status.Send.ToFullString());
                return true;
            }

            if (status.DeclaredType != null)
            {
                var send = (LocalDeclarationStatementSyntax)status.Send;
                Keep(send.GetLeadingTrivia().ToFullString());
                if (status.DeclaredType.IsVar)
                {
                    Gen("System.Net.Http.HttpResponseMessage");
                }
                else
                {
                    Keep(status.DeclaredType.ToString());
                }

                Keep(" " + name + ";" + _eol);
                Gen(inner + "try" + _eol + inner + "{" + _eol);
                Keep(inner + _unit + name + " = " + SyntaxFormatting.Reindent(status.Call.ToString(), _unit, atLineStart: false) + ";"
                    + send.SemicolonToken.TrailingTrivia.ToFullString());
            }
            else
            {
                Gen(inner + "try" + _eol + inner + "{" + _eol);
                Keep(SyntaxFormatting.Reindent(status.Send.ToFullString(), _unit));
            }

            Gen(inner + "}" + _eol);
            return true;
        }

        /// <summary>
        /// The statements after the send, in place but for the machinery among them, with the failing branch ending in the
        /// decision: a terminal failure (or the last attempt) reaches the caller as <c>EnsureSuccessStatusCode()</c>'s exception
        /// (or, where the function returns the response, as that response); otherwise the response is disposed and the loop waits.
        /// </summary>
        private bool AppendStatusTail(StatusCheck status, string inner, string attemptNumber, string max, bool isAsync, string? token, bool configureAwait)
        {
            var bodyName = ChooseName(_anatomy.Loop, "body", "responseBody", "errorBody");
            var retryAfterName = ChooseName(_anatomy.Loop, "retryAfter", "retryAfterDelay", "serverDelay");
            if (bodyName == null || retryAfterName == null)
            {
                Fail("no free name for the response body");
                return false;
            }

            // The failure code goes at the end of the failing branch's block, or at the end of the loop body.
            var at = status.FailureBlock != null ? SyntaxFormatting.IndentOf(status.FailureBlock) + _unit
                : status.FailureAt != null ? SyntaxFormatting.IndentOf(status.FailureAt)
                : status.InUsingBlock && status.Rest.Count > 0 ? SyntaxFormatting.IndentOf(status.Rest[0]) : inner;
            var response = status.Response.Name;
            var failure = new StringBuilder();
            if (status.BreakOnSuccess)
            {
                failure.Append(at + "if (" + response + ".IsSuccessStatusCode)" + _eol + at + "{" + _eol + at + _unit + "break;" + _eol + at + "}" + _eol + _eol);
            }

            foreach (var comment in _anatomy.LeadingInnerComments.Concat(_anatomy.InnerComments))
            {
                failure.Append(at + comment.ToString() + _eol);
            }

            // The user's own read of the error body is the body the decision reads: the content is not read twice.
            var userBody = status.ErrorBody;
            bodyName = userBody ?? bodyName;
            var readBody = userBody != null ? "" : "var " + bodyName + " = " + ReadBody(response, isAsync, configureAwait) + ";" + _eol;
            if (status.Decision == null)
            {
                failure.Append(userBody != null ? "" : at + readBody);
                failure.Append(at + "if (" + (_anatomy.KeepsCodeAfterLoop ? "" : Compare(attemptNumber, " >= ", max) + " || ") + "!IsRetryable(" + response + ", " + bodyName + "))" + _eol);
                failure.Append(at + "{" + _eol);
                failure.Append(at + _unit + (status.ReturnsResponse ? "return " + response + ";" : response + ".EnsureSuccessStatusCode();") + _eol);
                failure.Append(at + "}" + _eol + _eol);
            }

            failure.Append(at + "var " + retryAfterName + " = GetRetryAfter(" + response + ");" + _eol);
            failure.Append(at + response + ".Dispose();" + _eol);
            failure.Append(status.Decision == null
                ? WaitUnlessLast(at, Wait("GetRetryDelay(" + attemptNumber + ", " + retryAfterName + ")", isAsync, token, configureAwait), attemptNumber, max)
                : at + Wait("GetRetryDelay(" + attemptNumber + ", " + retryAfterName + ")", isAsync, token, configureAwait) + _eol); // the decision asked for another attempt
            if (status.FailureBlockContinues)
            {
                failure.Append((_anatomy.KeepsCodeAfterLoop ? _eol : "") + at + "continue;" + _eol);
            }

            // The rest of the body, byte for byte but for the removed machinery, with the failure code inserted.
            var source = _anatomy.Loop.SyntaxTree.GetText(_cancellationToken);
            var rest = status.Rest;
            var start = status.InUsingBlock ? status.Send.FullSpan.Start : rest.Count > 0 ? rest[0].FullSpan.Start : status.Send.FullSpan.End;
            var end = status.InUsingBlock ? status.Send.FullSpan.End : rest.Count > 0 ? rest[rest.Count - 1].FullSpan.End : start;
            var insertAt = status.FailureBlock != null ? status.FailureBlock.CloseBraceToken.FullSpan.Start
                : status.FailureAt != null ? status.FailureAt.FullSpan.End // after the removed break of the switch section
                : rest.Count > 0 ? rest[rest.Count - 1].FullSpan.End : end;
            var edits = _anatomy.RemovedInside.Where(r => r.FullSpan.Start >= start && r.FullSpan.End <= end)
                .Select(r => (Start: r.FullSpan.Start, End: r.FullSpan.End, Text: (string?)null))
                .Append((Start: insertAt, End: insertAt, Text: failure.ToString()))
                .ToList();
            if (status.ReplaceCondition)
            {
                var condition = status.Check!.Condition.Span;
                edits.Add((condition.Start, condition.End, (status.SuccessCheck ? "" : "!") + response + ".IsSuccessStatusCode"));
            }

            if (status.Decision != null)
            {
                // The body is read before the decision; the decision is the generated one; the user's ending follows it.
                var decisionIndent = SyntaxFormatting.IndentOf(status.Decision);
                if (userBody == null)
                {
                    edits.Add((status.Decision.SpanStart, status.Decision.SpanStart, readBody + _eol + decisionIndent));
                }

                edits.Add((status.Decision.Condition.SpanStart, status.Decision.Condition.Span.End,
                    Compare(attemptNumber, " < ", max) + " && IsRetryable(" + response + ", " + bodyName + ")")); // the last failure reaches the ending
            }

            var position = start;
            var first = !status.InUsingBlock && !status.DisposedByUsing; // a send kept as written gets no catches to set apart
            foreach (var (editStart, editEnd, insert) in edits.OrderBy(e => e.Start).ThenBy(e => e.Text == null ? 0 : 1))
            {
                var keptText = source.ToString(TextSpan.FromBounds(position, editStart));
                if (first && keptText.Trim().Length > 0)
                {
                    // A blank line between the generated catches and the user's statements.
                    Gen(StartsWithBlankLine(keptText) ? "" : _eol);
                    first = false;
                }

                Keep(keptText);
                if (insert != null && editEnd > editStart)
                {
                    Gen(insert); // the replaced condition
                }
                else if (insert != null)
                {
                    if (status.FailureBlock == null && !EndsWithBlankLine())
                    {
                        Gen(_eol);
                    }

                    Gen(insert);
                    first = false;
                }

                position = editEnd;
            }

            Keep(source.ToString(TextSpan.FromBounds(position, end)));
            return true;
        }

        /// <summary>Whether a generated clause needs the exception variable: its filter or Retry-After read it, or the kept code does.</summary>
        private static bool UsesName(GeneratedCatch clause, List<StatementSyntax> kept, string name)
        {
            var named = new System.Text.RegularExpressions.Regex(@"\b" + System.Text.RegularExpressions.Regex.Escape(name) + @"\b");
            return named.IsMatch(clause.Filter) || named.IsMatch(clause.RetryAfter)
                || kept.Any(k => k.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == name));
        }

        /// <summary>The catch's give-up branch, asking for the last attempt, with a placeholder return turned into <c>throw;</c>.</summary>
        private static string GiveUpText(IfStatementSyntax giveUp, string lastAttempt, bool keepBreak)
        {
            var text = giveUp.ToFullString();
            var offset = giveUp.FullSpan.Start;
            var body = giveUp.Statement is BlockSyntax block ? block.Statements.LastOrDefault() : giveUp.Statement;
            if (body is ReturnStatementSyntax || (body is BreakStatementSyntax && !keepBreak))
            {
                text = text.Substring(0, body.SpanStart - offset) + "throw;" + text.Substring(body.Span.End - offset); // the last failure propagates
            }

            return text.Substring(0, giveUp.Condition.SpanStart - offset) + lastAttempt + text.Substring(giveUp.Condition.Span.End - offset);
        }

        /// <summary><c>attempt + 1 &lt; _retries + 1</c> reads as <c>attempt &lt; _retries</c>.</summary>
        private static string Compare(string attemptNumber, string op, string max)
        {
            const string plusOne = " + 1";
            return attemptNumber.EndsWith(plusOne, StringComparison.Ordinal) && max.EndsWith(plusOne, StringComparison.Ordinal)
                ? attemptNumber.Substring(0, attemptNumber.Length - plusOne.Length) + op + max.Substring(0, max.Length - plusOne.Length)
                : attemptNumber + op + max;
        }

        /// <summary>The wait before the next attempt; when the loop falls through to kept code after its last attempt, only if there is a next one.</summary>
        private string WaitUnlessLast(string at, string wait, string attemptNumber, string max)
            => !_anatomy.KeepsCodeAfterLoop
                ? at + wait + _eol
                : at + "if (" + Compare(attemptNumber, " < ", max) + ")" + _eol + at + "{" + _eol + at + _unit + wait + _eol + at + "}" + _eol;

        private bool StartsWithBlankLine(string text) => text.TrimStart(' ', '\t').StartsWith(_eol, StringComparison.Ordinal);

        private bool EndsWithBlankLine()
            => _text.Length >= 2 * _eol.Length && _text.ToString(_text.Length - 2 * _eol.Length, 2 * _eol.Length) == _eol + _eol;

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
        private string? RewriteTryBlock(BlockSyntax block, List<(int Start, int End, string Text)> tryEdits, string shift)
        {
            if (shift.Length > 0 && SyntaxFormatting.HasMultiLineToken(block))
            {
                return null;
            }

            // Edit the original text so that everything else stays byte for byte, then re-indent it as a whole.
            var edits = new List<(int Start, int End, string Text)>(tryEdits);

            var source = block.SyntaxTree.GetText(_cancellationToken);
            foreach (var removed in _anatomy.RemovedInside.Where(r => block.Span.Contains(r.Span)))
            {
                // With the blank line that separated the removed wait from the attempt.
                var end = removed.FullSpan.End;
                var next = source.Lines.GetLineFromPosition(end);
                end = next.Start == end && string.IsNullOrWhiteSpace(next.ToString()) && next.End < block.Span.End ? next.EndIncludingLineBreak : end;
                edits.Add((removed.FullSpan.Start, end, ""));
            }

            var flag = _anatomy.SuccessFlagAssignment;
            if (flag != null)
            {
                var lastStatement = block.Statements.Last();
                if (_anatomy.KeepSuccessFlag || lastStatement != flag)
                {
                    // The flag stays when code after the loop reads it; the break follows the try block's last statement.
                    if (!_anatomy.KeepSuccessFlag)
                    {
                        edits.Add((flag.FullSpan.Start, flag.FullSpan.End, ""));
                    }

                    var end = lastStatement.FullSpan.End;
                    edits.Add((end, end, SyntaxFormatting.IndentOf(lastStatement) + "break;" + _eol));
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

            var attempt = (SyntaxNode?)_anatomy.Try?.Block ?? _anatomy.Status!.Send;
            var used = candidates.FirstOrDefault(c => attempt.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == c.Name));
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
