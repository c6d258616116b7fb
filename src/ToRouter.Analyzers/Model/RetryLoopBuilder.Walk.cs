using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>
    /// Walks the region's statements for one attempt outcome, forking at conditions the model cannot
    /// decide, and records how each path ends: round again, or out (return, throw, break, condition).
    /// </summary>
    internal sealed partial class RetryLoopBuilder
    {
        private List<PathEnd> _ends = new List<PathEnd>();
        private bool? _regionCallsClient;

        private List<PathEnd> Walk(Failure kind, ImmutableDictionary<ISymbol, Value> initial)
        {
            _ends = new List<PathEnd>();
            foreach (var state in WalkList(_region.Statements, One(new PathState(kind, initial))))
            {
                if (state.Pending)
                {
                    End(EndKind.Throw, state, null);
                }
                else if (_region.Shape == RegionShape.Loop)
                {
                    EndOfIteration(state);
                }
                else
                {
                    End(EndKind.FallOut, state, null);
                }
            }

            return _ends;
        }

        private void End(EndKind kind, PathState state, SyntaxNode? at)
        {
            CountPath();
            _ends.Add(new PathEnd(kind, state, at));
        }

        private static List<PathState> One(PathState state) => new List<PathState> { state };

        /// <summary>The body finished (or hit continue): the loop condition decides whether it goes round.</summary>
        private void EndOfIteration(PathState state)
        {
            if (_region.Node is CommonForEachStatementSyntax)
            {
                End(EndKind.Retry, state, null);
                var exhausted = state.Clone();
                exhausted.PassedBound = true;
                End(EndKind.ConditionEnd, exhausted, null);
                return;
            }

            var condition = _region.Condition;
            if (condition == null)
            {
                End(EndKind.Retry, state, null);
                return;
            }

            var verdict = Evaluate(condition, state);
            if (verdict.StatusDependent && state.Raised && !(state.Decision is CatchClauseSyntax))
            {
                state = state.Clone();
                state.Decision = condition;
            }

            switch (verdict.Value)
            {
                case Tri.True:
                    End(EndKind.Retry, state, null);
                    break;
                case Tri.False:
                    End(EndKind.ConditionEnd, state, null);
                    break;
                default:
                    var again = Fork(state, verdict);
                    var ended = Fork(state, verdict);
                    End(EndKind.Retry, again, null);
                    End(EndKind.ConditionEnd, ended, null);
                    break;
            }
        }

        private PathState Fork(PathState state, Verdict verdict, ExpressionSyntax? condition = null, bool decides = true)
        {
            var fork = state.Clone();
            if (condition != null && IsOnceGuard(condition))
            {
                fork.PassedOnceGuard = true;
            }

            if (verdict.Classifier && state.Raised && decides)
            {
                fork.Classified = true;
            }

            if (verdict.ReadsBound)
            {
                fork.PassedBound = true;
            }

            return fork;
        }

        private List<PathState> WalkList(IEnumerable<StatementSyntax> statements, List<PathState> states)
        {
            foreach (var statement in statements)
            {
                if (states.Count == 0)
                {
                    break;
                }

                var next = new List<PathState>();
                foreach (var state in states)
                {
                    if (state.Pending)
                    {
                        next.Add(state);
                    }
                    else
                    {
                        next.AddRange(WalkStatement(statement, state));
                    }
                }

                states = next;
            }

            return states;
        }

        private List<PathState> WalkStatement(StatementSyntax statement, PathState state)
        {
            switch (statement)
            {
                case BlockSyntax block:
                    return WalkList(block.Statements, One(state));

                case LocalDeclarationStatementSyntax declaration:
                    {
                        var after = Run(declaration, state);
                        if (after == null || after.Pending)
                        {
                            return Maybe(after);
                        }

                        foreach (var variable in declaration.Declaration.Variables)
                        {
                            if (variable.Initializer != null && _model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol local)
                            {
                                after.Env = after.Env.SetItem(local, ValueOf(variable.Initializer.Value, local.Type));
                            }
                        }

                        return One(after);
                    }

                case ExpressionStatementSyntax expression:
                    {
                        var after = Run(expression, state);
                        if (after == null || after.Pending)
                        {
                            return Maybe(after);
                        }

                        Apply(expression.Expression, after);
                        return One(after);
                    }

                case IfStatementSyntax ifStatement:
                    {
                        var after = Run(ifStatement.Condition, state);
                        if (after == null || after.Pending)
                        {
                            return Maybe(after);
                        }

                        // An if that only computes (a wait from Retry-After, say) decides nothing about retrying, whatever it tests.
                        return Branch(
                            ifStatement.Condition,
                            after,
                            s => WalkStatement(ifStatement.Statement, s),
                            s => ifStatement.Else != null ? WalkStatement(ifStatement.Else.Statement, s) : One(s),
                            decides: CanLeave(ifStatement));
                    }

                case ReturnStatementSyntax ret:
                    {
                        var after = Run(ret, state);
                        if (after == null || after.Pending)
                        {
                            return Maybe(after);
                        }

                        End(EndKind.Return, after, ret);
                        return new List<PathState>();
                    }

                case ThrowStatementSyntax thrown:
                    {
                        var after = state.Clone();
                        after.Pending = true;
                        after.Raised = true;
                        if (thrown.Expression != null)
                        {
                            after.ThrownType = _model.GetTypeInfo(thrown.Expression, _cancellationToken).Type;
                        }

                        return One(after);
                    }

                case BreakStatementSyntax brk:
                    if (RetryRegion.TargetOf(brk) is SwitchStatementSyntax)
                    {
                        return One(state);
                    }

                    End(EndKind.Break, state, brk);
                    return new List<PathState>();

                case ContinueStatementSyntax cont:
                    if (RetryRegion.TargetOf(cont) == _region.Node)
                    {
                        EndOfIteration(state);
                    }
                    else
                    {
                        End(EndKind.Break, state, cont);
                    }

                    return new List<PathState>();

                case GotoStatementSyntax jump:
                    End(_region.Label != null && jump.Expression is IdentifierNameSyntax label && label.Identifier.ValueText == _region.Label ? EndKind.Retry : EndKind.Break, state, jump);
                    return new List<PathState>();

                case TryStatementSyntax tryStatement:
                    return Try(tryStatement, state);

                case SwitchStatementSyntax switchStatement:
                    return Switch(switchStatement, state);

                case UsingStatementSyntax usingStatement:
                    {
                        var after = Run((SyntaxNode?)usingStatement.Declaration ?? usingStatement.Expression, state);
                        return after == null || after.Pending ? Maybe(after) : WalkStatement(usingStatement.Statement, after);
                    }

                case LockStatementSyntax lockStatement:
                    return WalkStatement(lockStatement.Statement, state);
                case CheckedStatementSyntax checkedStatement:
                    return WalkList(checkedStatement.Block.Statements, One(state));
                case UnsafeStatementSyntax unsafeStatement:
                    return WalkList(unsafeStatement.Block.Statements, One(state));
                case FixedStatementSyntax fixedStatement:
                    return WalkStatement(fixedStatement.Statement, state);
                case LabeledStatementSyntax labeled:
                    return WalkStatement(labeled.Statement, state);
                case LocalFunctionStatementSyntax _:
                case EmptyStatementSyntax _:
                    return One(state);
                default:
                    // Nested loops and anything else: opaque, but the calls in them still attempt and wait.
                    return Maybe(Run(statement, state));
            }
        }

        /// <summary>Whether the if's branches can decide anything: false when they only assign values (<c>wait = TimeSpan.FromSeconds(s);</c>).</summary>
        private static bool CanLeave(IfStatementSyntax ifStatement)
            => !OnlyAssigns(ifStatement.Statement) || (ifStatement.Else != null && !OnlyAssigns(ifStatement.Else.Statement));

        private static bool OnlyAssigns(StatementSyntax statement) => statement switch
        {
            BlockSyntax block => block.Statements.All(OnlyAssigns),
            LocalDeclarationStatementSyntax _ => true,
            ExpressionStatementSyntax expression => expression.Expression is AssignmentExpressionSyntax,
            _ => false,
        };

        private static List<PathState> Maybe(PathState? state) => state == null ? new List<PathState>() : One(state);

        private List<PathState> Branch(ExpressionSyntax condition, PathState state, System.Func<PathState, List<PathState>> whenTrue, System.Func<PathState, List<PathState>> whenFalse,
            bool decides = true)
        {
            var verdict = Evaluate(condition, state);
            if (verdict.StatusDependent && state.Raised && !(state.Decision is CatchClauseSyntax))
            {
                state = state.Clone();
                state.Decision = condition;
            }

            switch (verdict.Value)
            {
                case Tri.True when IsOnceGuard(condition):
                    // if (status == 401 && !refreshed) on the first attempt: the flag is known to be clear now, but the branch runs once.
                    var once = state.Clone();
                    once.PassedOnceGuard = true;
                    return whenTrue(once);
                case Tri.True:
                    return whenTrue(state);
                case Tri.False:
                    return whenFalse(state);
                default:
                    CountPath();
                    var result = whenTrue(Fork(state, verdict, condition, decides));
                    result.AddRange(whenFalse(Fork(state, verdict, condition, decides)));
                    return result;
            }
        }

        private List<PathState> Try(TryStatementSyntax tryStatement, PathState state)
        {
            var result = new List<PathState>();
            foreach (var outcome in WalkStatement(tryStatement.Block, state))
            {
                if (outcome.Pending)
                {
                    result.AddRange(Catch(tryStatement, outcome));
                }
                else
                {
                    result.Add(outcome);
                }
            }

            return result;
        }

        /// <summary>Finds the catch clause a pending exception lands in, honouring filters, and walks it.</summary>
        private List<PathState> Catch(TryStatementSyntax tryStatement, PathState pending)
        {
            var result = new List<PathState>();
            var unmatched = One(pending);
            foreach (var clause in tryStatement.Catches)
            {
                var next = new List<PathState>();
                var type = clause.Declaration == null ? null : _model.GetTypeInfo(clause.Declaration.Type, _cancellationToken).Type;

                // catch (TException) in a generic helper: the caller chooses what is retried, so it is classified, not catch-all.
                var chosenByCaller = type is ITypeParameterSymbol;
                foreach (var candidate in unmatched)
                {
                    var matches = chosenByCaller || (candidate.ThrownType != null
                        ? type == null || DerivesFrom(candidate.ThrownType, type)
                        : _types.ClassifyException(type).Matches(candidate.Kind, candidate.Thrower));
                    if (!matches)
                    {
                        next.Add(candidate);
                        continue;
                    }

                    var entered = candidate.Clone();
                    entered.Pending = false;
                    entered.Decision = clause;
                    entered.Classified |= chosenByCaller;
                    if (clause.Filter != null)
                    {
                        var verdict = Evaluate(clause.Filter.FilterExpression, entered);
                        if (verdict.Value == Tri.False)
                        {
                            next.Add(candidate);
                            continue;
                        }

                        if (verdict.Value == Tri.Unknown)
                        {
                            next.Add(Fork(candidate, verdict));
                            entered = Fork(entered, verdict, clause.Filter.FilterExpression);
                        }
                    }

                    result.AddRange(WalkStatement(clause.Block, entered));
                }

                unmatched = next;
            }

            result.AddRange(unmatched);
            return result;
        }

        private List<PathState> Switch(SwitchStatementSyntax switchStatement, PathState state)
        {
            var after = Run(switchStatement.Expression, state);
            if (after == null || after.Pending)
            {
                return Maybe(after);
            }

            var result = new List<PathState>();
            var remaining = One(after);
            SwitchSectionSyntax? defaultSection = null;
            foreach (var section in switchStatement.Sections)
            {
                if (section.Labels.Any(l => l is DefaultSwitchLabelSyntax))
                {
                    defaultSection = section;
                    continue;
                }

                var next = new List<PathState>();
                foreach (var candidate in remaining)
                {
                    var verdict = new Verdict(Tri.False);
                    foreach (var label in section.Labels)
                    {
                        var one = label switch
                        {
                            CaseSwitchLabelSyntax c => CaseMatches(switchStatement.Expression, c.Value, candidate),
                            CasePatternSwitchLabelSyntax p => WithWhen(Pattern(switchStatement.Expression, p.Pattern, candidate, 0, switchStatement.Expression), p.WhenClause, candidate),
                            _ => new Verdict(Tri.Unknown),
                        };
                        verdict = Verdict.Merge(TriLogic.Or(verdict.Value, one.Value), verdict, one);
                    }

                    var current = candidate;
                    if (verdict.StatusDependent && current.Raised && !(current.Decision is CatchClauseSyntax))
                    {
                        current = current.Clone();
                        current.Decision = switchStatement.Expression;
                    }

                    if (verdict.Value != Tri.False)
                    {
                        result.AddRange(WalkList(section.Statements, One(verdict.Value == Tri.True ? current : Fork(current, verdict))));
                    }

                    if (verdict.Value != Tri.True)
                    {
                        next.Add(verdict.Value == Tri.False ? current : Fork(current, verdict));
                    }
                }

                remaining = next;
            }

            result.AddRange(defaultSection != null ? WalkList(defaultSection.Statements, remaining) : remaining);
            return result;
        }

        private Verdict WithWhen(Verdict pattern, WhenClauseSyntax? when, PathState state)
        {
            if (when == null)
            {
                return pattern;
            }

            var condition = Evaluate(when.Condition, state);
            return Verdict.Merge(TriLogic.And(pattern.Value, condition.Value), pattern, condition);
        }

        private Verdict CaseMatches(ExpressionSyntax subject, ExpressionSyntax value, PathState state)
        {
            if (IsStatusExpression(subject, out var nullable) && ConstantInt(value) is int status)
            {
                return Verdict.Outcome(StatusValue(state.Kind, nullable) == status);
            }

            return ConstantString(value) is string text ? Text(text, subject, state) : new Verdict(Tri.Unknown);
        }

        /// <summary>
        /// Runs the calls in <paramref name="node"/> in evaluation order: the first call that can fail
        /// raises this path's outcome (throws it, or returns it as a failing response); waits are recorded.
        /// Returns null when the path ended (a recursive retry call).
        /// </summary>
        private PathState? Run(SyntaxNode? node, PathState state)
        {
            if (node == null)
            {
                return state;
            }

            // The node itself too: a condition that is one call, if (ct.WaitHandle.WaitOne(delay)).
            var invocations = RetryRegion.OwnDescendants(node).Prepend(node).OfType<InvocationExpressionSyntax>().OrderBy(i => i.Span.End).ToList();
            foreach (var invocation in invocations)
            {
                var call = CallOf(invocation);

                // A configured retry helper on the failure path (await policy.HandleAsync(ex, attempt)) classifies it.
                if (state.Raised && !state.Classified && call.IsRetryHelper)
                {
                    state = state.Clone();
                    state.Classified = true;
                }

                // With a client call in the loop ('http.SendAsync(BuildRequest(await GetTokenAsync()))'), that call
                // is where API failures come from; user code around it can only fail as a bug.
                if (call.Role == CallRole.Attempt && call.Family == ClientFamily.Unknown && state.Kind != Failure.Other && RegionCallsClient())
                {
                    continue;
                }


                switch (call.Role)
                {
                    case CallRole.Wait:
                        state = state.Clone();
                        state.Waits = state.Waits.Add(DelayOf(invocation, call));
                        state.Slept |= call.Sleeps;
                        break;
                    case CallRole.Recursive:
                        End(EndKind.Retry, state, invocation);
                        return null;
                    case CallRole.ThrowIfCanceled when state.Kind == Failure.Canceled:
                    case CallRole.Rethrow:
                        return Throw(state, ClientFamily.Any);
                    case CallRole.Send when !state.Raised && state.Kind != Failure.Success:
                        if (FailureFacts.IsStatus(state.Kind))
                        {
                            state = state.Clone();
                            state.Raised = true;
                            state.Manifested = true;
                            break;
                        }

                        return Throw(state, call.Family);
                    case CallRole.Ensure when state.Manifested:
                        return Throw(state, ClientFamily.HttpClient);
                    case CallRole.Attempt when !state.Raised && state.Kind != Failure.Success:
                        return Throw(state, call.Family);
                }
            }

            return state;
        }

        /// <summary><c>attempt == 0</c>, <c>!refreshed</c>, <c>retried == false</c>: a condition that holds only the first time.</summary>
        private bool IsOnceGuard(ExpressionSyntax condition)
        {
            foreach (var node in condition.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case BinaryExpressionSyntax equals when equals.IsKind(SyntaxKind.EqualsExpression)
                        && ((ReadsCounter(equals.Left) && IsFirstAttempt(equals.Right)) || (ReadsCounter(equals.Right) && IsFirstAttempt(equals.Left))):
                        return true;
                    case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression) && not.Operand is IdentifierNameSyntax flag
                        && _model.GetTypeInfo(flag, _cancellationToken).Type?.SpecialType == SpecialType.System_Boolean
                        && _model.GetSymbolInfo(flag, _cancellationToken).Symbol is ISymbol flagSymbol && _assignments.ContainsKey(flagSymbol):
                        return true;
                }
            }

            return false;
        }

        private bool IsFirstAttempt(ExpressionSyntax value) => ConstantInt(value) is int number && (number == 0 || number == 1);

        private bool RegionCallsClient()
        {
            if (_regionCallsClient == null)
            {
                _regionCallsClient = _region.Statements.Any(statement => RetryRegion.OwnDescendants(statement).OfType<InvocationExpressionSyntax>()
                    .Any(i => CallOf(i) is var c && (c.Role == CallRole.Send || (c.Role == CallRole.Attempt && c.Family != ClientFamily.Unknown))));
            }

            return _regionCallsClient.Value;
        }

        private static PathState Throw(PathState state, ClientFamily family)
        {
            var thrown = state.Clone();
            thrown.Pending = true;
            thrown.Raised = true;
            thrown.Manifested = false;
            thrown.Thrower = family;
            thrown.ThrownType = null;
            return thrown;
        }

        /// <summary>Tracks flag assignments, and notices a failure path that changes what the attempt sends.</summary>
        private void Apply(ExpressionSyntax expression, PathState state)
        {
            if (expression is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && _model.GetSymbolInfo(assignment.Left, _cancellationToken).Symbol is ILocalSymbol local)
            {
                var value = ValueOf(assignment.Right, local.Type);
                if (state.Kind == Failure.Success && !state.Raised && value.IsNull == Tri.Unknown
                    && (assignment.Right is MemberAccessExpressionSyntax || assignment.Right is ElementAccessExpressionSyntax))
                {
                    // reply = completion.Content; on success: the answer the loop waits for (for (…; reply == null; …)).
                    value = Value.Of(value.Truth, Tri.False, value.Alias);
                }

                state.Env = state.Env.SetItem(local, value);
            }

            if (state.Raised && !state.ChangesRequest && (ChangesRequest(expression) || RenewsCredentials(expression, state.Kind)))
            {
                state.ChangesRequest = true;
            }
        }

        /// <summary>
        /// On a 401/403, resetting a cached token (<c>_token = null</c>) or calling out to renew it
        /// makes the next attempt a re-send with new credentials, not a blind retry.
        /// </summary>
        private bool RenewsCredentials(ExpressionSyntax expression, Failure kind)
        {
            if (kind != Failure.S401 && kind != Failure.S403)
            {
                return false;
            }

            if (expression is AssignmentExpressionSyntax assignment)
            {
                var target = _model.GetSymbolInfo(assignment.Left, _cancellationToken).Symbol;
                var type = target is IFieldSymbol field ? field.Type : (target as IPropertySymbol)?.Type;
                return type != null && !IsBookkeeping(type);
            }

            var invoked = expression is AwaitExpressionSyntax awaited ? awaited.Expression : expression;
            return invoked is InvocationExpressionSyntax invocation && CallOf(invocation).Role == CallRole.Attempt;
        }

        private static Value ValueOf(ExpressionSyntax value, ITypeSymbol type)
        {
            switch (value.Kind())
            {
                case SyntaxKind.TrueLiteralExpression:
                    return Value.Of(Tri.True, Tri.False, null);
                case SyntaxKind.FalseLiteralExpression:
                    return Value.Of(Tri.False, Tri.False, null);
                case SyntaxKind.NullLiteralExpression:
                case SyntaxKind.DefaultLiteralExpression:
                case SyntaxKind.DefaultExpression:
                    return Value.Of(Tri.Unknown, type.IsValueType ? Tri.False : Tri.True, null);
                case SyntaxKind.InvocationExpression:
                case SyntaxKind.AwaitExpression:
                case SyntaxKind.ObjectCreationExpression:
                case SyntaxKind.StringLiteralExpression:
                case SyntaxKind.InterpolatedStringExpression:
                    return Value.Of(Tri.Unknown, Tri.False, value);
                default:
                    return Value.Of(Tri.Unknown, Tri.Unknown, value);
            }
        }

        /// <summary>
        /// A write on the failure path to something the attempt reads — a shrunk chat history, a new
        /// prompt, a refreshed token, the next key — makes the next attempt a different request.
        /// </summary>
        private bool ChangesRequest(ExpressionSyntax expression)
        {
            foreach (var node in RetryRegion.OwnDescendants(expression).Prepend(expression))
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment:
                        var isRebuild = assignment.Left is IdentifierNameSyntax && IsRebuild(assignment.Right);
                        if (!isRebuild && WritesAttemptInput(assignment.Left))
                        {
                            return true;
                        }

                        break;
                    case PostfixUnaryExpressionSyntax postfix when WritesAttemptIndex(postfix.Operand):
                    case PrefixUnaryExpressionSyntax prefix when (prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression)) && WritesAttemptIndex(prefix.Operand):
                        return true;
                    case InvocationExpressionSyntax invocation:
                        var name = MethodName(invocation) ?? string.Empty;
                        if (IsRefreshName(name))
                        {
                            return true;
                        }

                        if (IsMutatorName(name) && invocation.Expression is MemberAccessExpressionSyntax access && WritesAttemptInput(access.Expression))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private bool WritesAttemptInput(ExpressionSyntax target)
        {
            var root = RootSymbol(target);
            if (root == null || !_attemptReads.Contains(root))
            {
                return false;
            }

            var type = root switch
            {
                ILocalSymbol l => l.Type,
                IFieldSymbol f => f.Type,
                IParameterSymbol p => p.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            return !IsBookkeeping(type) || IndexesAttempt(root);
        }

        private bool WritesAttemptIndex(ExpressionSyntax target)
        {
            var root = RootSymbol(target);
            return root != null && _attemptReads.Contains(root) && IndexesAttempt(root);
        }

        private ISymbol? RootSymbol(ExpressionSyntax target)
        {
            while (true)
            {
                switch (target)
                {
                    case MemberAccessExpressionSyntax access when !(access.Expression is ThisExpressionSyntax):
                        target = access.Expression;
                        continue;
                    case ElementAccessExpressionSyntax element:
                        target = element.Expression;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        target = parenthesized.Expression;
                        continue;
                }

                return _model.GetSymbolInfo(target, _cancellationToken).Symbol;
            }
        }

        /// <summary>Counters, flags, delays, clocks, tokens and exceptions are bookkeeping, not request inputs.</summary>
        private bool IsBookkeeping(ITypeSymbol? type)
        {
            if (type == null || IsNumeric(type) || type.SpecialType == SpecialType.System_Boolean || type.SpecialType == SpecialType.System_DateTime || IsException(type) || _types.IsCancellationToken(type))
            {
                return true;
            }

            switch (type.Name)
            {
                case "TimeSpan":
                case "DateTimeOffset":
                case "Stopwatch":
                case "Random":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Rebuilding the same request (HttpRequestMessage cannot be sent twice) is not a change —
        /// unless it is built from something the failure path just obtained (a fresh key).
        /// </summary>
        private bool IsRebuild(ExpressionSyntax value)
        {
            foreach (var identifier in value.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (_model.GetSymbolInfo(identifier, _cancellationToken).Symbol is ILocalSymbol local
                    && local.DeclaringSyntaxReferences.Any(r => r.GetSyntax(_cancellationToken).FirstAncestorOrSelf<CatchClauseSyntax>() != null))
                {
                    return false;
                }
            }

            if (value is AwaitExpressionSyntax awaited)
            {
                value = awaited.Expression;
            }

            if (value is ObjectCreationExpressionSyntax || value is ImplicitObjectCreationExpressionSyntax)
            {
                return true;
            }

            var name = value is InvocationExpressionSyntax invocation ? MethodName(invocation) ?? string.Empty : string.Empty;
            return name.StartsWith("Create", System.StringComparison.Ordinal) || name.StartsWith("Build", System.StringComparison.Ordinal)
                || name.StartsWith("Clone", System.StringComparison.Ordinal) || name.StartsWith("Copy", System.StringComparison.Ordinal)
                || name.StartsWith("New", System.StringComparison.Ordinal);
        }

        private static bool IsMutatorName(string name)
            => name.StartsWith("Add", System.StringComparison.Ordinal) || name.StartsWith("Insert", System.StringComparison.Ordinal)
               || name.StartsWith("Remove", System.StringComparison.Ordinal) || name == "Clear" || name == "Push" || name == "Pop"
               || name == "Enqueue" || name == "Dequeue" || name == "Set" || name.StartsWith("Trim", System.StringComparison.Ordinal)
               || name.StartsWith("Truncate", System.StringComparison.Ordinal);

        private static bool IsRefreshName(string name)
            => HasWord(name, "refresh") || HasWord(name, "reauth") || HasWord(name, "renew") || HasWord(name, "login", wholeWord: true)
                || HasWord(name, "signin", wholeWord: true) || HasWord(name, "authenticate") || HasWord(name, "acquiretoken") || HasWord(name, "rotate")
                || HasWord(name, "switchto") || HasWord(name, "fallback") || HasWord(name, "nextkey") || HasWord(name, "nextclient")
                || HasWord(name, "nextendpoint") || HasWord(name, "shrink") || HasWord(name, "summariz");

        /// <summary>
        /// Whether <paramref name="word"/> (lower case) starts a word of a PascalCase name: Refresh of TryRefreshToken, but not
        /// login of LogInformation (with <paramref name="wholeWord"/>, the name's next word must start right after it).
        /// </summary>
        private static bool HasWord(string name, string word, bool wholeWord = false)
        {
            for (var start = name.IndexOf(word, System.StringComparison.OrdinalIgnoreCase); start >= 0; start = name.IndexOf(word, start + 1, System.StringComparison.OrdinalIgnoreCase))
            {
                var end = start + word.Length;
                var startsWord = start == 0 || char.IsUpper(name[start]) || !char.IsLetter(name[start - 1]);
                var endsWord = end == name.Length || char.IsUpper(name[end]) || !char.IsLetter(name[end]);
                if (startsWord && (!wholeWord || endsWord))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
