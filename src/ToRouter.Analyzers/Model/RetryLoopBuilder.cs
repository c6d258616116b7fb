using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>
    /// Builds the <see cref="RetryLoop"/> model of one region by walking it once per attempt outcome
    /// (<see cref="Failure"/>): which outcomes go round again and through which catch or status check,
    /// what bounds the repetition, what it waits, and what happens after the last attempt.
    /// </summary>
    internal sealed partial class RetryLoopBuilder
    {
        /// <summary>Past this many paths a region is too tangled to judge: say nothing rather than guess.</summary>
        private const int MaxPaths = 400;

        private readonly SemanticModel _model;
        private readonly KnownTypes _types;
        private readonly TorouterOptions _options;
        private readonly RetryRegion _region;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<ISymbol> _counters = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, List<ExpressionSyntax>> _assignments = new Dictionary<ISymbol, List<ExpressionSyntax>>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _attemptReads = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly Dictionary<InvocationExpressionSyntax, Call> _calls = new Dictionary<InvocationExpressionSyntax, Call>();
        private ILocalSymbol? _iterationVariable;
        private IMethodSymbol? _recursiveMethod;
        private int _paths;

        private RetryLoopBuilder(SemanticModel model, KnownTypes types, TorouterOptions options, RetryRegion region, CancellationToken cancellationToken)
        {
            _model = model;
            _types = types;
            _options = options;
            _region = region;
            _cancellationToken = cancellationToken;
        }

        private sealed class TooComplexException : Exception
        {
        }

        /// <summary>The model of <paramref name="region"/>, or null when it is not a retry loop (or too tangled to judge).</summary>
        public static RetryLoop? Build(SemanticModel model, KnownTypes types, TorouterOptions options, RetryRegion region, CancellationToken cancellationToken)
        {
            try
            {
                return new RetryLoopBuilder(model, types, options, region, cancellationToken).Build();
            }
            catch (TooComplexException)
            {
                return null;
            }
        }

        private RetryLoop? Build()
        {
            if (_region.Shape == RegionShape.Recursion)
            {
                _recursiveMethod = _model.GetDeclaredSymbol(_region.Node, _cancellationToken) as IMethodSymbol;
                if (_recursiveMethod == null)
                {
                    return null;
                }
            }

            if (_region.Node is ForEachStatementSyntax forEach)
            {
                _iterationVariable = _model.GetDeclaredSymbol(forEach, _cancellationToken);

                // foreach (var attempt in Enumerable.Range(1, 3)) counts attempts; it is not a table of delays.
                if (_iterationVariable != null && forEach.Expression is InvocationExpressionSyntax range && MethodName(range) == "Range")
                {
                    _counters.Add(_iterationVariable);
                }
            }

            var initial = InitialEnvironment();

            // The success path must leave: a loop that goes on after success polls, pages or serves.
            // Checked first, because most loops in a code base are rejected here.
            var success = Walk(Failure.Success, initial);
            if (success.Count == 0 || success.Any(e => e.Kind == EndKind.Retry))
            {
                return null;
            }

            CollectMutations();
            _readsBound.Clear(); // computed before the counters were known

            var retries = new List<PathEnd>();
            var endsByKind = new Dictionary<Failure, List<PathEnd>>();
            foreach (var kind in FailureSet.AllFailures.Kinds())
            {
                var ends = Walk(kind, initial);
                endsByKind[kind] = ends;
                retries.AddRange(ends.Where(e => e.Kind == EndKind.Retry && !e.State.ChangesRequest && !IsReauthentication(e)));
            }

            // Re-asking after bad JSON or a failed validation re-generates; it does not retry a failed call.
            if (!retries.Any(RetriesFailedCall))
            {
                return null;
            }

            var kindOfLoop = IsFailover() ? RetryLoopKind.Failover : RetryLoopKind.Retry;
            var retriedKinds = new HashSet<Failure>(retries.Select(e => e.State.Kind));
            var bounded = _region.Node is CommonForEachStatementSyntax
                || retriedKinds.All(kind => endsByKind[kind].Any(e => e.Kind != EndKind.Retry && e.State.PassedBound));

            SummarizeWaits(retries, out var wait, out var waitsEveryTime, out var slept);
            var isAsync = RetryRegion.IsInAsyncFunction(_region.Node);
            var lastFailure = bounded
                ? LastFailureOf(retriedKinds.SelectMany(kind => endsByKind[kind]).Where(e => e.Kind != EndKind.Retry && e.State.PassedBound))
                : LastFailure.Propagates;

            return new RetryLoop(_region, kindOfLoop, Decisions(retries), bounded, wait, waitsEveryTime, isAsync, slept && isAsync, lastFailure);
        }

        /// <summary>
        /// A single re-send on 401/403 (after a guard that holds once, or in a loop of at most two
        /// attempts) is how clients refresh credentials, not a retry.
        /// </summary>
        private bool IsReauthentication(PathEnd retry)
        {
            var kind = retry.State.Kind;
            return (kind == Failure.S401 || kind == Failure.S403) && (retry.State.PassedOnceGuard || AtMostTwoAttempts());
        }

        /// <summary><c>for (int i = 0; i &lt; 2; i++)</c> and the like.</summary>
        private bool AtMostTwoAttempts()
        {
            if (!(_region.Node is ForStatementSyntax loop) || loop.Declaration?.Variables.Count != 1 || loop.Declaration.Variables[0].Initializer == null
                || !(loop.Condition is BinaryExpressionSyntax condition) || !(condition.Left is IdentifierNameSyntax counter)
                || counter.Identifier.ValueText != loop.Declaration.Variables[0].Identifier.ValueText
                || !(ConstantInt(loop.Declaration.Variables[0].Initializer!.Value) is int start) || !(ConstantInt(condition.Right) is int end))
            {
                return false;
            }

            var attempts = condition.IsKind(SyntaxKind.LessThanExpression) ? end - start : condition.IsKind(SyntaxKind.LessThanOrEqualExpression) ? end - start + 1 : int.MaxValue;
            return attempts <= 2;
        }

        /// <summary>A transport or API failure goes round, or a catch that would also catch those.</summary>
        private bool RetriesFailedCall(PathEnd retry)
        {
            if (retry.State.Kind != Failure.Other)
            {
                return true;
            }

            return retry.State.Decision is CatchClauseSyntax catchClause
                && !CaughtKinds(catchClause).Intersect(FailureSet.AllFailures.Without(Failure.Other)).IsEmpty;
        }

        private FailureSet CaughtKinds(CatchClauseSyntax catchClause)
            => _types.ClassifyException(catchClause.Declaration == null ? null : _model.GetTypeInfo(catchClause.Declaration.Type, _cancellationToken).Type).Kinds;

        private ImmutableArray<RetryDecision> Decisions(List<PathEnd> retries)
        {
            var builder = ImmutableArray.CreateBuilder<RetryDecision>();
            foreach (var group in retries.Where(e => e.State.Decision != null).GroupBy(e => e.State.Decision!))
            {
                var retried = FailureSet.Empty;
                foreach (var end in group)
                {
                    if (!end.State.Classified)
                    {
                        retried = retried.With(end.State.Kind);
                    }
                }

                if (group.Key is CatchClauseSyntax catchClause)
                {
                    var info = _types.ClassifyException(catchClause.Declaration == null ? null : _model.GetTypeInfo(catchClause.Declaration.Type, _cancellationToken).Type);
                    builder.Add(new RetryDecision(catchClause, catchClause.CatchKeyword.GetLocation(), isCatch: true, info.CatchesEverything, retried));
                }
                else
                {
                    builder.Add(new RetryDecision(group.Key, group.Key.GetLocation(), isCatch: false, catchesEverything: false, retried));
                }
            }

            return builder.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        /// <summary>A foreach over keys, endpoints or clients whose attempt uses the current one.</summary>
        private bool IsFailover()
        {
            if (_iterationVariable != null)
            {
                return _attemptReads.Contains(_iterationVariable);
            }

            // for (int i = 0; i < keys.Length; i++) { … clients[i] … }
            if (_region.Node is ForStatementSyntax forStatement && forStatement.Declaration != null)
            {
                foreach (var variable in forStatement.Declaration.Variables)
                {
                    var symbol = _model.GetDeclaredSymbol(variable, _cancellationToken);
                    if (symbol != null && IndexesAttempt(symbol))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IndexesAttempt(ISymbol symbol)
        {
            foreach (var call in AttemptCalls())
            {
                foreach (var access in call.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>())
                {
                    if (access.ArgumentList.Arguments.Any(a => References(a.Expression, symbol)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private void SummarizeWaits(List<PathEnd> retries, out Delay wait, out bool waitsEveryTime, out bool slept)
        {
            waitsEveryTime = true;
            slept = false;
            Delay? weakest = null;
            var combined = Delay.NoWait;
            foreach (var end in retries)
            {
                slept |= end.State.Slept;

                // 'if (attempt < max - 1) await Task.Delay(…)' skips the wait only on the way out.
                if (end.State.Waits.IsEmpty && end.State.PassedBound && retries.Any(other => other.State.Kind == end.State.Kind && !other.State.Waits.IsEmpty))
                {
                    continue;
                }

                if (end.State.Waits.IsEmpty)
                {
                    waitsEveryTime = false;
                    continue;
                }

                var pathDelay = end.State.Waits.Aggregate(Delay.NoWait, (a, b) => a.Combine(b));
                combined = combined.Combine(pathDelay);
                if (!pathDelay.BacksOff && (weakest == null || pathDelay.Growth < weakest.Value.Growth))
                {
                    weakest = pathDelay;
                }
            }

            wait = !waitsEveryTime ? Delay.NoWait : weakest ?? combined;
        }

        /// <summary>Flags and placeholders declared before the loop (<c>bool done = false; string result = null;</c>).</summary>
        private ImmutableDictionary<ISymbol, Value> InitialEnvironment()
        {
            var env = ImmutableDictionary.Create<ISymbol, Value>(SymbolEqualityComparer.Default);
            if (!(_region.Node.Parent is BlockSyntax block) || _region.Shape == RegionShape.Recursion)
            {
                return env;
            }

            foreach (var statement in block.Statements)
            {
                if (statement == _region.Node)
                {
                    break;
                }

                if (statement is LocalDeclarationStatementSyntax declaration)
                {
                    foreach (var variable in declaration.Declaration.Variables)
                    {
                        if (variable.Initializer != null && _model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol local)
                        {
                            env = env.SetItem(local, ValueOf(variable.Initializer.Value, local.Type));
                        }
                    }
                }
            }

            return env;
        }

        /// <summary>
        /// Counters (attempt numbers, budgets) and every assignment in the region, used by the bound
        /// and wait analyses; plus what the attempt reads, to tell a re-send of a changed request.
        /// </summary>
        private void CollectMutations()
        {
            var roots = new List<SyntaxNode>(_region.Statements);
            if (_region.Node is ForStatementSyntax forStatement)
            {
                roots.AddRange(forStatement.Incrementors);
                if (forStatement.Condition != null)
                {
                    roots.Add(forStatement.Condition);
                }
            }
            else if (_region.Condition != null)
            {
                roots.Add(_region.Condition);
            }

            foreach (var root in roots)
            {
                foreach (var node in RetryRegion.OwnDescendants(root).Prepend(root))
                {
                    switch (node)
                    {
                        case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                            AddCounter(postfix.Operand);
                            break;
                        case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                            AddCounter(prefix.Operand);
                            break;
                        case AssignmentExpressionSyntax assignment:
                            var target = _model.GetSymbolInfo(assignment.Left, _cancellationToken).Symbol;
                            if (target is ILocalSymbol || target is IFieldSymbol || target is IParameterSymbol || target is IPropertySymbol)
                            {
                                if (!_assignments.TryGetValue(target, out var list))
                                {
                                    _assignments[target] = list = new List<ExpressionSyntax>();
                                }

                                list.Add(assignment);
                                if (IsAdditiveUpdate(assignment, target))
                                {
                                    AddCounter(assignment.Left);
                                }
                            }

                            break;
                    }
                }
            }

            if (_region.Shape == RegionShape.Recursion && _recursiveMethod != null)
            {
                // A parameter the recursive call passes changed (attempt + 1, retries - 1) is the budget.
                foreach (var call in _region.RecursiveCalls)
                {
                    var arguments = call.ArgumentList.Arguments;
                    for (var i = 0; i < arguments.Count && i < _recursiveMethod.Parameters.Length; i++)
                    {
                        var parameter = _recursiveMethod.Parameters[i];
                        if (!(arguments[i].Expression is IdentifierNameSyntax name && name.Identifier.ValueText == parameter.Name))
                        {
                            if (IsNumeric(parameter.Type))
                            {
                                _counters.Add(parameter);
                            }
                        }
                    }
                }
            }

            foreach (var call in AttemptCalls())
            {
                foreach (var identifier in call.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                    if (symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is IFieldSymbol || symbol is IPropertySymbol)
                    {
                        _attemptReads.Add(symbol);
                        if (symbol is ILocalSymbol local)
                        {
                            AddInitializerReads(local);
                        }
                    }
                }
            }
        }

        /// <summary><c>var request = new HttpRequestMessage(…, url) { Content = … }</c>: the attempt reads what built its request.</summary>
        private void AddInitializerReads(ILocalSymbol local)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator && declarator.Initializer != null
                    && declarator.SyntaxTree == _model.SyntaxTree && _region.Node.Span.Contains(declarator.Span))
                {
                    foreach (var identifier in declarator.Initializer.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                    {
                        var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                        if (symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is IFieldSymbol || symbol is IPropertySymbol)
                        {
                            _attemptReads.Add(symbol);
                        }
                    }
                }
            }
        }

        private IEnumerable<InvocationExpressionSyntax> AttemptCalls()
        {
            foreach (var statement in _region.Statements)
            {
                foreach (var invocation in RetryRegion.OwnDescendants(statement).OfType<InvocationExpressionSyntax>())
                {
                    var role = CallOf(invocation).Role;
                    if (role == CallRole.Attempt || role == CallRole.Send)
                    {
                        yield return invocation;
                    }
                }
            }
        }

        /// <summary><c>n += 1</c>, <c>n = n - 1</c>: a count, unlike <c>delay *= 2</c>.</summary>
        private bool IsAdditiveUpdate(AssignmentExpressionSyntax assignment, ISymbol target)
        {
            switch (assignment.Kind())
            {
                case SyntaxKind.AddAssignmentExpression:
                case SyntaxKind.SubtractAssignmentExpression:
                    return true;
                case SyntaxKind.SimpleAssignmentExpression:
                    return assignment.Right is BinaryExpressionSyntax binary
                        && (binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.SubtractExpression))
                        && References(binary, target);
                default:
                    return false;
            }
        }

        private void AddCounter(ExpressionSyntax target)
        {
            var symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
            var type = symbol switch
            {
                ILocalSymbol l => l.Type,
                IFieldSymbol f => f.Type,
                IParameterSymbol p => p.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            if (symbol != null && IsNumeric(type))
            {
                _counters.Add(symbol);
            }
        }

        private static bool IsNumeric(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt16:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Double:
                case SpecialType.System_Single:
                case SpecialType.System_Decimal:
                    return true;
                default:
                    return false;
            }
        }

        private bool References(SyntaxNode node, ISymbol symbol)
        {
            foreach (var identifier in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == symbol.Name
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(identifier, _cancellationToken).Symbol, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private void CountPath()
        {
            if (++_paths > MaxPaths)
            {
                throw new TooComplexException();
            }

            _cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
