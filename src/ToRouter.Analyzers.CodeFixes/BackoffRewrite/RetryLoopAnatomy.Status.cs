using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    internal sealed partial class RetryLoopAnatomy
    {
        /// <summary>A loop with no try: the send and the status check that decides whether to go round.</summary>
        private sealed partial class Analyzer
        {
            /// <summary>
            /// A loop with no try: the one statement that sends an HTTP request (declaring or assigning the response), and
            /// the <c>IsSuccessStatusCode</c> check that follows it: <c>if (response.IsSuccessStatusCode) { …leave… }</c> with
            /// the failure path after it (or in its else), <c>if (!response.IsSuccessStatusCode) { …; continue; }</c> with the
            /// success path after it, or a <c>do { … } while (!response.IsSuccessStatusCode)</c>.
            /// </summary>
            private StatusCheck? FindStatusCheck(List<StatementSyntax> body, List<ExpressionSyntax> conjuncts, out List<StatementSyntax> before,
                out List<StatementSyntax> between, out List<StatementSyntax> failure, out List<SyntaxNode> success)
            {
                before = new List<StatementSyntax>();
                between = new List<StatementSyntax>();
                failure = new List<StatementSyntax>();
                success = new List<SyntaxNode>();
                var sends = DescendantsInFunction(_loop).OfType<InvocationExpressionSyntax>().Where(IsHttpSend).ToList();
                if (sends.Count != 1)
                {
                    Failure = sends.Count == 0
                        ? "status-check retries are rewritten only around an HttpClient request (no try statement in the loop)"
                        : "the loop sends more than one request per attempt";
                    return null;
                }

                var send = body.FirstOrDefault(s => s.Span.Contains(sends[0].Span));
                ILocalSymbol? response = null;
                TypeSyntax? declaredType = null;
                ExpressionSyntax? call = null;
                var disposedByUsing = false;
                List<StatementSyntax>? usingBlock = null;
                if (send is UsingStatementSyntax outerUsing && ResponseUsing(outerUsing, sends[0]) is UsingStatementSyntax responseUsing)
                {
                    // using (var response = await http.SendAsync(…)) { …check… }, perhaps inside using (var request = …) { … }.
                    var variable = responseUsing.Declaration!.Variables[0];
                    response = _model.GetDeclaredSymbol(variable, _cancellationToken) as ILocalSymbol;
                    declaredType = responseUsing.Declaration.Type;
                    call = variable.Initializer!.Value;
                    disposedByUsing = true;
                    usingBlock = responseUsing.Statement is BlockSyntax block ? block.Statements.ToList() : new List<StatementSyntax> { responseUsing.Statement };
                }

                switch (send)
                {
                    case LocalDeclarationStatementSyntax declaration when declaration.Declaration.Variables.Count == 1 && !declaration.IsConst
                        && declaration.Declaration.Variables[0].Initializer != null:
                        response = _model.GetDeclaredSymbol(declaration.Declaration.Variables[0], _cancellationToken) as ILocalSymbol;
                        declaredType = declaration.Declaration.Type;
                        call = declaration.Declaration.Variables[0].Initializer!.Value;
                        disposedByUsing = declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword);
                        break;
                    case ExpressionStatementSyntax assignmentStatement when assignmentStatement.Expression is AssignmentExpressionSyntax assignment
                        && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left is IdentifierNameSyntax target:
                        response = _model.GetSymbolInfo(target, _cancellationToken).Symbol as ILocalSymbol;
                        call = assignment.Right;
                        if (response != null && response.DeclaringSyntaxReferences.Any(r => _loop.Span.Contains(r.Span)))
                        {
                            response = null;
                        }

                        break;
                }

                if (send == null || response == null || call == null || response.Type.ToDisplayString().TrimEnd('?') != "System.Net.Http.HttpResponseMessage")
                {
                    Failure = "the response is not held in a local by a statement of its own";
                    return null;
                }

                var status = new StatusCheck(send, response, declaredType, call) { ReturnsResponse = ReturnsResponse(), DisposedByUsing = disposedByUsing, InUsingBlock = usingBlock != null };
                var index = body.IndexOf(send);
                before.AddRange(body.Take(index));
                var rest = usingBlock ?? body.Skip(index + 1).ToList();
                status.Rest.AddRange(rest);
                var check = rest.OfType<IfStatementSyntax>().FirstOrDefault(i => IsStatusCheck(i.Condition, response) != null || ReadsStatusOf(i.Condition, response, rest)
                    || (status.ReturnsResponse && IsSuccessOr(i.Condition, response) && i.Else == null && LeavesWith(i.Statement, response)));
                if (_loop is DoStatementSyntax && conjuncts.Any(c => IsStatusCheck(c, response) == false))
                {
                    // do { response = …; } while (!response.IsSuccessStatusCode): whatever follows the send runs after success too.
                    status.BreakOnSuccess = true;
                    between.AddRange(rest);
                    return status;
                }

                if (check == null && SwitchOnStatus(rest, response, status, between, failure, success))
                {
                    return status;
                }

                if (check == null)
                {
                    Failure = "no IsSuccessStatusCode check decides whether to send again";
                    return null;
                }

                between.AddRange(rest.Take(rest.IndexOf(check)));
                var afterCheck = rest.Skip(rest.IndexOf(check) + 1).ToList();
                status.Check = check;

                // A branch that retries on some statuses (if (status == 429 || status >= 500) { …; continue; }) becomes a
                // branch on every failure: the failure code decides which ones are worth another attempt. A handler's
                // 'if (response.IsSuccessStatusCode || !transient || attempt >= max) return response;' becomes the success
                // check alone: the generated decision returns the response when it is not worth another attempt.
                status.ReplaceCondition = IsStatusCheck(check.Condition, response) == null;
                status.SuccessCheck = IsStatusCheck(check.Condition, response) == true || IsSuccessOr(check.Condition, response);
                var readByCondition = new List<ISymbol>();
                for (var changed = true; changed && status.ReplaceCondition;)
                {
                    // Locals only the replaced condition reads, directly or through one another (int code = …; bool transient = code >= 500;).
                    changed = false;
                    foreach (var local in between.OfType<LocalDeclarationStatementSyntax>().SelectMany(d => d.Declaration.Variables))
                    {
                        var symbol = _model.GetDeclaredSymbol(local, _cancellationToken)!;
                        var readers = rest.Where(st => st != local.Parent!.Parent && References(st, symbol)).ToList();
                        if (!readByCondition.Contains(symbol) && (References(check.Condition, symbol) || readers.Count > 0) && !References(check.Statement, symbol)
                            && readers.All(st => st == check || (st is LocalDeclarationStatementSyntax reader && reader.Declaration.Variables.All(v => readByCondition.Contains(_model.GetDeclaredSymbol(v, _cancellationToken)!)))))
                        {
                            readByCondition.Add(symbol);
                            changed = true;
                        }
                    }
                }

                _candidates.UnionWith(readByCondition);
                if (status.SuccessCheck)
                {
                    // if (response.IsSuccessStatusCode) { …leave… } [else { …failure… }] …failure…
                    if (!(_model.AnalyzeControlFlow(check.Statement) is ControlFlowAnalysis leaves) || !leaves.Succeeded || leaves.EndPointIsReachable)
                    {
                        Failure = "the success branch does not leave the loop";
                        return null;
                    }

                    success.Add(check.Statement);
                    if (check.Else != null)
                    {
                        if (!(check.Else.Statement is BlockSyntax elseBlock) || afterCheck.Count > 0)
                        {
                            Failure = "the failure path is split around the else branch";
                            return null;
                        }

                        status.FailureBlock = elseBlock;
                        failure.AddRange(elseBlock.Statements);
                    }
                    else if (!Ladder(afterCheck, status, failure, success))
                    {
                        failure.AddRange(afterCheck);
                    }

                    return status;
                }

                // if (!response.IsSuccessStatusCode) { …failure…; continue; } …success…
                if (check.Else != null || (status.ReplaceCondition && ContainsSideEffects(check.Condition)) || !(check.Statement is BlockSyntax failureBlock) || afterCheck.Count == 0
                    || !(_model.AnalyzeControlFlow(failureBlock) is ControlFlowAnalysis goesRound) || !goesRound.Succeeded || goesRound.EndPointIsReachable
                    || !DescendantsInFunction(failureBlock).Any(IsRetryJump)
                    || !(_model.AnalyzeControlFlow(afterCheck[0], afterCheck[afterCheck.Count - 1]) is ControlFlowAnalysis leavesAfter) || !leavesAfter.Succeeded || leavesAfter.EndPointIsReachable)
                {
                    Failure = "the failing branch does not go round again, or the success path after it does not leave the loop";
                    return null;
                }

                status.FailureBlock = failureBlock;
                status.FailureBlockContinues = true;
                failure.AddRange(failureBlock.Statements);
                success.AddRange(afterCheck);
                return status;
            }

            /// <summary>
            /// After the success check, branches that go round on the statuses they pick (<c>if (status == 429) { …; continue; }
            /// if (status &gt;= 500) { …; continue; }</c>) and then the user's own ending for the rest (<c>throw new …(body)</c>): the
            /// first branch becomes the generated decision (its condition asks IsRetryable, its wait and continue are the failure
            /// code), the other branches (waits only) go, and the ending stays for what is not worth another attempt.
            /// </summary>
            private bool Ladder(List<StatementSyntax> afterCheck, StatusCheck status, List<StatementSyntax> failure, List<SyntaxNode> success)
            {
                var branches = afterCheck.OfType<IfStatementSyntax>().Where(b => b.Else == null && !ContainsSideEffects(b.Condition)
                    && b.Statement is BlockSyntax block && block.Statements.LastOrDefault() is ContinueStatementSyntax goesRound && JumpTarget(goesRound, continueOnly: true) == _loop
                    && !block.Statements.Take(block.Statements.Count - 1).Any(st => ContainsControlTransfer(st, allowBreakToLoop: false))).ToList();
                if (branches.Count == 0 || afterCheck.IndexOf(branches[branches.Count - 1]) - afterCheck.IndexOf(branches[0]) + 1 != branches.Count)
                {
                    return false;
                }

                var leading = afterCheck.Take(afterCheck.IndexOf(branches[0])).ToList();
                var ending = afterCheck.Skip(afterCheck.IndexOf(branches[branches.Count - 1]) + 1).ToList();
                // The ending is reached by the last attempt too: a placeholder there (return null) would hide that failure again.
                if (ending.Count == 0 || (ending[ending.Count - 1] is ReturnStatementSyntax placeholder && IsPlaceholderReturn(placeholder))
                    || !(_model.AnalyzeControlFlow(ending[0], ending[ending.Count - 1]) is ControlFlowAnalysis ends) || !ends.Succeeded || ends.EndPointIsReachable
                    || leading.Concat(ending).Any(st => ContainsWait(st) || DescendantsInFunction(st).Append(st).Any(IsRetryJump))
                    || leading.Any(st => ContainsControlTransfer(st, allowBreakToLoop: false) && !(st is IfStatementSyntax { Else: null, Statement: var giveUp } && EndsInThrow(giveUp))))
                {
                    return false;
                }

                status.Decision = branches[0];
                status.FailureBlock = (BlockSyntax)branches[0].Statement;
                status.FailureBlockContinues = true;
                failure.AddRange(status.FailureBlock.Statements);
                failure.AddRange(branches.Skip(1)); // waits only, or the rewrite declines: kept code would jump
                success.AddRange(leading);
                success.AddRange(ending);
                return true;
            }

            /// <summary>A give-up branch's statement: a throw, or a block that ends in one.</summary>
            private static bool EndsInThrow(StatementSyntax statement)
                => (statement is BlockSyntax block ? block.Statements.LastOrDefault() : statement) is ThrowStatementSyntax;

            /// <summary>
            /// <c>switch ((int)response.StatusCode) { case 200: …return…; case 429: case 503: …log…; break; default: throw …; }</c>
            /// followed by the wait: the one section that breaks out is the failure path (its <c>break</c> becomes the failure code,
            /// which goes round), the sections that leave stay as they are.
            /// </summary>
            private bool SwitchOnStatus(List<StatementSyntax> rest, ILocalSymbol response, StatusCheck status, List<StatementSyntax> between,
                List<StatementSyntax> failure, List<SyntaxNode> success)
            {
                var sw = rest.OfType<SwitchStatementSyntax>().FirstOrDefault(x => ReadsStatusCode(x.Expression, response));
                if (sw == null)
                {
                    return false;
                }

                var retrying = new List<SwitchSectionSyntax>();
                foreach (var section in sw.Sections)
                {
                    var last = section.Statements.LastOrDefault();
                    if (last is BreakStatementSyntax && !section.Statements.Take(section.Statements.Count - 1).Any(st => ContainsControlTransfer(st, allowBreakToLoop: false)))
                    {
                        retrying.Add(section);
                    }
                    else if (!(_model.AnalyzeControlFlow(section.Statements.First(), section.Statements.Last()) is ControlFlowAnalysis leaves) || !leaves.Succeeded
                        || leaves.EndPointIsReachable || section.Statements.SelectMany(st => st.DescendantNodesAndSelf()).OfType<BreakStatementSyntax>().Any())
                    {
                        return false;
                    }
                    else
                    {
                        success.Add(section);
                    }
                }

                if (retrying.Count != 1)
                {
                    return false;
                }

                var breakStatement = (BreakStatementSyntax)retrying[0].Statements.Last();
                between.AddRange(rest.Take(rest.IndexOf(sw)));
                failure.AddRange(retrying[0].Statements.Take(retrying[0].Statements.Count - 1));
                failure.AddRange(rest.Skip(rest.IndexOf(sw) + 1));
                _replacedByDecision.Add(breakStatement);
                status.FailureAt = breakStatement;
                status.FailureBlockContinues = true;
                return true;
            }

            /// <summary>
            /// The <c>using (var response = …send…)</c> statement in a chain of using statements that starts at <paramref name="statement"/>
            /// (<c>using (var request = …) { request.Content = …; using (var response = …) { … } }</c>); null when the send is elsewhere
            /// or the statements beside the chain could jump or wait.
            /// </summary>
            private UsingStatementSyntax? ResponseUsing(UsingStatementSyntax statement, InvocationExpressionSyntax send)
            {
                for (var current = statement; ;)
                {
                    if (current.Declaration is VariableDeclarationSyntax declaration && declaration.Variables.Count == 1
                        && declaration.Variables[0].Initializer is EqualsValueClauseSyntax initializer && initializer.Value.Span.Contains(send.Span))
                    {
                        return current;
                    }

                    if (!current.Statement.Span.Contains(send.Span))
                    {
                        return null;
                    }

                    var inner = current.Statement;
                    if (inner is BlockSyntax block)
                    {
                        inner = block.Statements.LastOrDefault();
                        if (inner == null || !inner.Span.Contains(send.Span)
                            || block.Statements.Take(block.Statements.Count - 1).Any(s => ContainsControlTransfer(s, allowBreakToLoop: false) || ContainsWait(s)))
                        {
                            return null;
                        }
                    }

                    if (!(inner is UsingStatementSyntax next))
                    {
                        return null;
                    }

                    current = next;
                }
            }

            /// <summary>A condition on the response's status code, directly or through a local set from it (<c>int status = (int)response.StatusCode;</c>).</summary>
            private bool ReadsStatusOf(ExpressionSyntax condition, ILocalSymbol response, List<StatementSyntax> rest)
            {
                var statusLocals = rest.OfType<LocalDeclarationStatementSyntax>().SelectMany(d => d.Declaration.Variables)
                    .Where(v => v.Initializer != null && ReadsStatusCode(v.Initializer.Value, response))
                    .Select(v => _model.GetDeclaredSymbol(v, _cancellationToken))
                    .ToList();
                return ReadsStatusCode(condition, response)
                    || condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => statusLocals.Contains(_model.GetSymbolInfo(id, _cancellationToken).Symbol, SymbolEqualityComparer.Default));
            }

            private bool ReadsStatusCode(SyntaxNode node, ILocalSymbol response)
                => node.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(m => m.Name.Identifier.ValueText == "StatusCode"
                    && m.Expression is IdentifierNameSyntax name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name, _cancellationToken).Symbol, response));

            /// <summary>True for <c>response.IsSuccessStatusCode</c>, false for its negation, null for anything else.</summary>
            private bool? IsStatusCheck(ExpressionSyntax condition, ILocalSymbol? response = null)
            {
                response = response ?? _status?.Response;
                condition = Unparenthesize(condition);
                var negated = false;
                if (condition is PrefixUnaryExpressionSyntax not && not.IsKind(SyntaxKind.LogicalNotExpression))
                {
                    negated = true;
                    condition = Unparenthesize(not.Operand);
                }

                if (condition is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "IsSuccessStatusCode"
                    && member.Expression is IdentifierNameSyntax name && response != null
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name, _cancellationToken).Symbol, response))
                {
                    return !negated;
                }

                // response.StatusCode == HttpStatusCode.OK (or (int)response.StatusCode == 200): the success check of an API that answers 200.
                if (!negated && response != null && condition is BinaryExpressionSyntax comparison
                    && (comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression))
                    && new[] { (comparison.Left, comparison.Right), (comparison.Right, comparison.Left) }.Any(pair =>
                        ReadsStatusCode(pair.Item1, response) && !ContainsSideEffects(pair.Item1) && _model.GetConstantValue(pair.Item2, _cancellationToken).Value is object value
                        && System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 200))
                {
                    return comparison.IsKind(SyntaxKind.EqualsExpression);
                }

                return null;
            }

            /// <summary>
            /// A string local the loop body declares from the failing response's body (<c>var error = await response.Content.ReadAsStringAsync(ct);</c>),
            /// kept, in scope where the decision goes and never assigned again; null when there is none.
            /// </summary>
            private string? ErrorBodyRead(StatusCheck status, RetryLoopAnatomy anatomy)
            {
                var decidedAt = status.Decision?.SpanStart ?? (status.FailureBlock?.CloseBraceToken.SpanStart ?? _loop.Span.End);
                var scopes = status.Rest.Concat(status.FailureBlock?.Statements ?? default(SyntaxList<StatementSyntax>));
                foreach (var declaration in scopes.OfType<LocalDeclarationStatementSyntax>())
                {
                    if (declaration.SpanStart >= decidedAt || declaration.Declaration.Variables.Count != 1 || anatomy.RemovedInside.Contains(declaration)
                        || !(declaration.Declaration.Variables[0].Initializer?.Value is ExpressionSyntax value)
                        || _model.GetTypeInfo(value, _cancellationToken).Type?.SpecialType != SpecialType.System_String
                        || !value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(call => call.Expression is MemberAccessExpressionSyntax read
                            && read.Name.Identifier.ValueText == "ReadAsStringAsync" && read.Expression is MemberAccessExpressionSyntax content
                            && content.Name.Identifier.ValueText == "Content" && content.Expression is IdentifierNameSyntax owner
                            && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(owner, _cancellationToken).Symbol, status.Response)))
                    {
                        continue;
                    }

                    var local = _model.GetDeclaredSymbol(declaration.Declaration.Variables[0], _cancellationToken);
                    var block = declaration.Parent;
                    if (local != null && block != null && !block.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                        .Any(a => a.Left is IdentifierNameSyntax target && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(target, _cancellationToken).Symbol, local)))
                    {
                        return local.Name;
                    }
                }

                return null;
            }

            /// <summary><c>response.IsSuccessStatusCode || …</c>: the success check or conditions of the user's own, without side effects.</summary>
            private bool IsSuccessOr(ExpressionSyntax condition, ILocalSymbol response)
            {
                var disjuncts = Split(condition, SyntaxKind.LogicalOrExpression);
                return disjuncts.Count > 1 && disjuncts.Any(d => IsStatusCheck(d, response) == true) && !ContainsSideEffects(condition);
            }

            /// <summary><c>return response;</c> (alone or ending a block).</summary>
            private bool LeavesWith(StatementSyntax statement, ILocalSymbol response)
                => (statement is BlockSyntax block && block.Statements.Count == 1 ? block.Statements[0] : statement) is ReturnStatementSyntax { Expression: IdentifierNameSyntax returned }
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(returned, _cancellationToken).Symbol, response);

            /// <summary>A call that returns an <c>HttpResponseMessage</c> (HttpClient, a handler's base.SendAsync, a wrapper of them).</summary>
            private bool IsHttpSend(InvocationExpressionSyntax invocation)
            {
                if (!(_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method)
                    || method.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices" || method.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
                    || method.ContainingType?.ToDisplayString() == "System.Net.Http.HttpResponseMessage")
                {
                    return false; // awaiting the send (GetAwaiter().GetResult(), ConfigureAwait) or EnsureSuccessStatusCode() is not another send
                }

                var type = method.ReturnType as INamedTypeSymbol;
                if (type != null && type.IsGenericType && (type.Name == "Task" || type.Name == "ValueTask"))
                {
                    type = type.TypeArguments[0] as INamedTypeSymbol;
                }

                return type?.ToDisplayString() == "System.Net.Http.HttpResponseMessage";
            }

            /// <summary>Whether the function around the loop returns the response itself (a DelegatingHandler's SendAsync).</summary>
            private bool ReturnsResponse()
            {
                var type = (_model.GetEnclosingSymbol(_loop.SpanStart, _cancellationToken) as IMethodSymbol)?.ReturnType as INamedTypeSymbol;
                if (type != null && type.IsGenericType && (type.Name == "Task" || type.Name == "ValueTask"))
                {
                    type = type.TypeArguments[0] as INamedTypeSymbol;
                }

                return type?.ToDisplayString() == "System.Net.Http.HttpResponseMessage";
            }

            /// <summary><c>response.Dispose()</c> on a status-check loop's failure path: the new failure path disposes it itself.</summary>
            private bool IsResponseDispose(ExpressionSyntax expression)
                => _status != null && expression is InvocationExpressionSyntax call && call.ArgumentList.Arguments.Count == 0
                    && call.Expression is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "Dispose"
                    && member.Expression is IdentifierNameSyntax disposed
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(disposed, _cancellationToken).Symbol, _status.Response);
        }
    }

    /// <summary>A retry loop with no try: <c>var response = await http.SendAsync(…); if (response.IsSuccessStatusCode) …</c>.</summary>
    internal sealed class StatusCheck
    {
        public StatusCheck(StatementSyntax send, ILocalSymbol response, TypeSyntax? declaredType, ExpressionSyntax call)
        {
            Send = send;
            Response = response;
            DeclaredType = declaredType;
            Call = call;
        }

        /// <summary>The statement that sends the request and holds the response in <see cref="Response"/>.</summary>
        public StatementSyntax Send { get; }

        public ILocalSymbol Response { get; }

        /// <summary>The declared type when the send declares the response (the rewrite declares it before the try); null for an assignment.</summary>
        public TypeSyntax? DeclaredType { get; }

        /// <summary><c>using var response = await …;</c>: the rest of the attempt goes in a <c>using (response)</c> block.</summary>
        public bool DisposedByUsing { get; set; }

        /// <summary>
        /// <c>using (var response = await …) { … }</c>: <see cref="Send"/> is the (outermost) using statement, kept as written
        /// with the failure code inserted inside it, and <see cref="Rest"/> the statements of the response's using block.
        /// </summary>
        public bool InUsingBlock { get; set; }

        /// <summary>The value the send assigns: the request itself.</summary>
        public ExpressionSyntax Call { get; }

        /// <summary>The loop body's statements after the send, kept in place but for the machinery among them.</summary>
        public List<StatementSyntax> Rest { get; } = new List<StatementSyntax>();

        /// <summary>The <c>IsSuccessStatusCode</c> check (null for a do loop whose condition checks it).</summary>
        public IfStatementSyntax? Check { get; set; }

        /// <summary>The block the failure path runs in (the check's negated branch or its else); null when it is the rest of the loop body.</summary>
        public BlockSyntax? FailureBlock { get; set; }

        /// <summary>
        /// Whether the check's own condition is replaced: by <c>!response.IsSuccessStatusCode</c> (it picked statuses to retry), or
        /// with <see cref="SuccessCheck"/> by <c>response.IsSuccessStatusCode</c> (it also stopped on conditions of its own).
        /// </summary>
        public bool ReplaceCondition { get; set; }

        /// <summary>The check's branch is the success path (<c>if (response.IsSuccessStatusCode) return response;</c>).</summary>
        public bool SuccessCheck { get; set; }

        /// <summary>The local the loop body reads the failing response's body into (<c>var error = …ReadAsStringAsync()</c>): the decision reads it too.</summary>
        public string? ErrorBody { get; set; }

        /// <summary>The first of a ladder of retrying branches: its condition becomes the generated decision (see <c>Ladder</c>).</summary>
        public IfStatementSyntax? Decision { get; set; }

        /// <summary>The <c>break</c> of a status switch's retrying section: the failure code takes its place.</summary>
        public StatementSyntax? FailureAt { get; set; }

        /// <summary>Whether the failure block has to end with <c>continue</c> (the success path follows it).</summary>
        public bool FailureBlockContinues { get; set; }

        /// <summary><c>do { … } while (!response.IsSuccessStatusCode)</c>: the new loop breaks out on success.</summary>
        public bool BreakOnSuccess { get; set; }

        /// <summary>The function returns the response (a DelegatingHandler): the last failure is returned rather than thrown.</summary>
        public bool ReturnsResponse { get; set; }
    }
}
