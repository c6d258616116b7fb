using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    internal sealed partial class RetryLoopAnatomy
    {
        /// <summary>
        /// The user's attempt counter, reused when kept code reads it (logging "attempt 3 failed" must keep saying 3) or when it
        /// is a recursive retry's budget parameter (the method's signature stays).
        /// </summary>
        private sealed partial class Analyzer
        {
            /// <summary>
            /// The count-up budget parameter a recursive retry passes on as <c>attempt + 1</c> (null when there is none);
            /// sets <see cref="Failure"/> when the recursive calls do more than pass their arguments on.
            /// </summary>
            private IParameterSymbol? RecursionBudget(RetryLoopAnatomy anatomy)
            {
                IParameterSymbol? budget = null;
                foreach (var invocation in DescendantsInFunction(_loop.Parent!).OfType<InvocationExpressionSyntax>())
                {
                    if (!IsRecursiveCall(invocation))
                    {
                        continue;
                    }

                    var statement = invocation.FirstAncestorOrSelf<StatementSyntax>();
                    var endsTheFunction = _loop.Parent is BlockSyntax body && body.Statements.LastOrDefault() == statement; // after a try its catches fall out of
                    if (!(statement is ReturnStatementSyntax) || !IsRetryJump(statement) || (!endsTheFunction && !anatomy.RetryingCatches.Any(c => c.Block.Statements.LastOrDefault() == statement)))
                    {
                        Failure = "the recursive call ends neither a catch clause nor the function";
                        return null;
                    }

                    // client.CompleteWithRetryAsync(…) of an extension method: the receiver is the first parameter.
                    var arguments = invocation.ArgumentList.Arguments;
                    var offset = IsExtensionCall(invocation) ? 1 : 0;
                    if (offset == 1 && !(invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } && receiver.Identifier.ValueText == _function!.Parameters[0].Name))
                    {
                        Failure = "the recursive call changes the argument '" + _function!.Parameters[0].Name + "'";
                        return null;
                    }

                    if (arguments.Count + offset != _function!.Parameters.Length || arguments.Any(a => a.NameColon != null || !a.RefKindKeyword.IsKind(SyntaxKind.None)))
                    {
                        Failure = "the recursive call does not pass every argument by position";
                        return null;
                    }

                    for (var i = 0; i < arguments.Count; i++)
                    {
                        var parameter = _function.Parameters[i + offset];
                        var argument = Unparenthesize(arguments[i].Expression);
                        if (argument is IdentifierNameSyntax same && same.Identifier.ValueText == parameter.Name)
                        {
                            continue;
                        }

                        if (SymbolEqualityComparer.Default.Equals(parameter, _userData) && !ContainsSideEffects(argument))
                        {
                            // The caller's budget stays the user's: the new loop gives it the value the recursive call passed.
                            var update = argument is BinaryExpressionSyntax { Left: IdentifierNameSyntax self } change && self.Identifier.ValueText == parameter.Name && IsOne(change.Right)
                                && (change.IsKind(SyntaxKind.SubtractExpression) || change.IsKind(SyntaxKind.AddExpression))
                                ? parameter.Name + (change.IsKind(SyntaxKind.SubtractExpression) ? "--;" : "++;")
                                : parameter.Name + " = " + argument + ";";
                            if (anatomy.StepOnRetry != null && anatomy.StepOnRetry != update)
                            {
                                Failure = "the recursive calls change the argument '" + parameter.Name + "' differently";
                                return null;
                            }

                            anatomy.StepOnRetry = update;
                            continue;
                        }

                        if (argument is BinaryExpressionSyntax step && step.Left is IdentifierNameSyntax stepped && stepped.Identifier.ValueText == parameter.Name
                            && IsOne(step.Right) && parameter.Type.SpecialType == SpecialType.System_Int32)
                        {
                            if (step.IsKind(SyntaxKind.SubtractExpression) && ReadOutsideRecursiveCalls(parameter))
                            {
                                Failure = "the retry budget parameter counts down: callers pass it to limit the retries, which the rewrite would ignore";
                                KeepAsUserData = KeepAsUserData ?? parameter; // worth a second pass that keeps the caller's budget
                                return null;
                            }

                            if (step.IsKind(SyntaxKind.SubtractExpression))
                            {
                                continue; // a budget nothing tests (maxRetry - 1 passed on, never checked): it limited nothing
                            }

                            if (step.IsKind(SyntaxKind.AddExpression) && (budget == null || SymbolEqualityComparer.Default.Equals(budget, parameter)))
                            {
                                budget = parameter;
                                continue;
                            }
                        }

                        Failure = "the recursive call changes the argument '" + parameter.Name + "'";
                        return null;
                    }
                }

                return budget;
            }

            /// <summary>
            /// Reuses <paramref name="counter"/> as the new loop's counter, with the base that keeps the numbers kept code
            /// reads: the value it has during the first attempt at every place kept code reads it. False (with a reason)
            /// when the counter is not a plain count of attempts, or kept code reads it both before and after its increment.
            /// </summary>
            private bool ReuseCounter(RetryLoopAnatomy anatomy, ISymbol counter, bool readAfterLoop, List<StatementSyntax> before,
                List<(CatchClauseSyntax? Clause, List<StatementSyntax> Statements)> failurePaths, List<StatementSyntax> after, List<SyntaxNode> readers)
            {
                var start = StartValue(counter);
                if (start == null)
                {
                    Fail(counter is IParameterSymbol
                        ? "the retry budget parameter has no constant default to count attempts from"
                        : "kept code reads a retry counter that is not an int counted from a constant");
                    return false;
                }

                // Where the counter goes up once per attempt: at the end of the iteration (a for incrementor, the recursive
                // call), or in one statement of the body before the attempt, of the failure path, or after the try.
                List<StatementSyntax>? incrementList = null;
                var incrementIndex = -1;
                var writes = Writes(counter);
                if (counter is ILocalSymbol && !(_loop is ForEachStatementSyntax))
                {
                    if (writes.Count != 1 || !IsUnitIncrement(writes[0]))
                    {
                        Fail(writes.Count == 1 && IsDecrement(writes[0])
                            ? "kept code reads a retry budget that counts down"
                            : "kept code reads a retry counter that does not go up by one per attempt");
                        return false;
                    }

                    // Counted at the end of the iteration: a for incrementor, or a do loop's condition (while (++attempt < max)).
                    if (!(_loop is ForStatementSyntax forLoop && forLoop.Incrementors.Any(i => i.Span.Contains(writes[0].Span)))
                        && !(_loop is DoStatementSyntax doLoop && doLoop.Condition.Span.Contains(writes[0].Span)))
                    {
                        var lists = new List<List<StatementSyntax>> { before, after };
                        lists.AddRange(failurePaths.Select(p => p.Statements));
                        incrementList = lists.FirstOrDefault(l => l.Any(s => s.Span.Contains(writes[0].Span)));
                        var statement = incrementList?.First(s => s.Span.Contains(writes[0].Span));
                        incrementIndex = statement == null ? -1 : incrementList!.IndexOf(statement);
                        var onEveryRetry = incrementList != null && incrementList == before
                            || (incrementList == after && !failurePaths.Any(p => p.Statements.Any(s => DescendantsInFunction(s).Append(s).Any(IsRetryJump))))
                            || (incrementList != null && incrementList != after && failurePaths.Count == 1 && !incrementList.Take(incrementIndex).Any(s => DescendantsInFunction(s).Append(s).Any(IsRetryJump)));
                        if (statement == null || !IsRemoved(statement) || !onEveryRetry || !IsUnconditional(writes[0], statement))
                        {
                            Fail("kept code reads a retry counter that does not go up exactly once per attempt");
                            return false;
                        }
                    }
                }
                else if (writes.Count > 0)
                {
                    Fail("the retry counter is also assigned in the loop");
                    return false;
                }

                // Does each read come after the increment within an attempt?
                if (readers.SelectMany(r => DescendantsInFunction(r)).OfType<ElementAccessExpressionSyntax>().Any(a => References(a.ArgumentList, counter)))
                {
                    Fail("the attempt indexes with the loop counter: the loop moves through a collection");
                    return false;
                }

                var shifts = new HashSet<bool>();
                foreach (var read in readers.SelectMany(r => DescendantsInFunction(r).Append(r)).OfType<IdentifierNameSyntax>()
                    .Where(id => id.Identifier.ValueText == counter.Name && !IsRemoved(id) && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, counter)))
                {
                    shifts.Add(incrementList != null && ReadsAfterIncrement(read, incrementList, incrementIndex, before, after));
                }

                if (shifts.Count > 1)
                {
                    Fail("kept code reads the retry counter both before and after it goes up");
                    return false;
                }

                var shift = shifts.Count == 1 && shifts.First() ? 1 : 0;
                var keep = counter is IParameterSymbol || readAfterLoop;
                if (keep && (shift != 0 || incrementList == before))
                {
                    Fail("the retry counter is read after the loop, where the new loop would leave a different value");
                    return false;
                }

                var firstValue = start.Value + shift;
                if (firstValue != 0 && firstValue != 1)
                {
                    Fail("kept code reads a retry counter whose first attempt is neither 0 nor 1");
                    return false;
                }

                anatomy.CounterName = counter.Name;
                anatomy.CounterBase = firstValue;
                anatomy.KeepCounterDeclaration = keep;
                return true;
            }

            private static bool ReadsAfterIncrement(SyntaxNode read, List<StatementSyntax> incrementList, int incrementIndex, List<StatementSyntax> before, List<StatementSyntax> after)
            {
                var index = incrementList.FindIndex(s => s.Span.Contains(read.Span));
                if (index >= 0)
                {
                    return index > incrementIndex;
                }

                // Everything but the statements before it follows an increment before the attempt; only the statements
                // after the try follow an increment on the failure path.
                return incrementList == before ? !before.Any(s => s.Span.Contains(read.Span)) : incrementList != after && after.Any(s => s.Span.Contains(read.Span));
            }

            /// <summary>The counter's value before the first attempt: a constant initializer or default value.</summary>
            private int? StartValue(ISymbol counter)
            {
                if (counter is IParameterSymbol parameter)
                {
                    return parameter.Type.SpecialType == SpecialType.System_Int32 && parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is int value ? value : (int?)null;
                }

                if (_loop is ForEachStatementSyntax && counter is ILocalSymbol iterated && iterated.Type.SpecialType == SpecialType.System_Int32)
                {
                    return RangeStart(_loop);
                }

                if (!(counter is ILocalSymbol local) || local.Type.SpecialType != SpecialType.System_Int32
                    || !(local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator)
                    || declarator.Initializer == null)
                {
                    return null;
                }

                var constant = _model.GetConstantValue(declarator.Initializer.Value, _cancellationToken);
                return constant.HasValue && constant.Value is int start ? start : (int?)null;
            }

            /// <summary>
            /// An int counted up by one in the loop and nowhere else there: an attempt counter, even when the attempt reads it. A count
            /// in a loop of the attempt's own (chunks++ for each streamed update) counts something else.
            /// </summary>
            private bool IsCountUp(ISymbol symbol)
            {
                var type = (symbol as ILocalSymbol)?.Type ?? (symbol as IParameterSymbol)?.Type;
                var writes = Writes(symbol);
                return type?.SpecialType == SpecialType.System_Int32 && writes.Count == 1 && IsUnitIncrement(writes[0])
                    && !writes[0].Ancestors().TakeWhile(a => a != _loop && !(a is MemberDeclarationSyntax) && !(a is LocalFunctionStatementSyntax))
                        .Any(a => a is ForStatementSyntax || a is CommonForEachStatementSyntax || a is WhileStatementSyntax || a is DoStatementSyntax);
            }

            private List<IdentifierNameSyntax> Writes(ISymbol symbol)
                => RegionNodes().OfType<IdentifierNameSyntax>()
                    .Where(id => id.Identifier.ValueText == symbol.Name && IsWrite(id) && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol))
                    .ToList();

            /// <summary>Every node of the region that repeats: the loop, a goto retry's statements, a recursive method's body.</summary>
            private IEnumerable<SyntaxNode> RegionNodes()
                => (_function != null ? new[] { _loop.Parent! } : _moved.Prepend<SyntaxNode>(_loop)).SelectMany(n => DescendantsInFunction(n).Append(n));

            /// <summary><c>n++</c>, <c>++n</c>, <c>n += 1</c>, <c>n = n + 1</c>.</summary>
            private bool IsUnitIncrement(IdentifierNameSyntax write)
            {
                switch (write.Parent)
                {
                    case PostfixUnaryExpressionSyntax postfix:
                        return postfix.IsKind(SyntaxKind.PostIncrementExpression);
                    case PrefixUnaryExpressionSyntax prefix:
                        return prefix.IsKind(SyntaxKind.PreIncrementExpression);
                    case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression):
                        return IsOne(assignment.Right);
                    case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                        return Unparenthesize(assignment.Right) is BinaryExpressionSyntax sum && sum.IsKind(SyntaxKind.AddExpression)
                            && ((sum.Left is IdentifierNameSyntax l && l.Identifier.ValueText == write.Identifier.ValueText && IsOne(sum.Right))
                                || (sum.Right is IdentifierNameSyntax r && r.Identifier.ValueText == write.Identifier.ValueText && IsOne(sum.Left)));
                    default:
                        return false;
                }
            }

            private static bool IsDecrement(IdentifierNameSyntax write)
                => write.Parent.IsKind(SyntaxKind.PostDecrementExpression) || write.Parent.IsKind(SyntaxKind.PreDecrementExpression) || write.Parent.IsKind(SyntaxKind.SubtractAssignmentExpression);

            private bool IsOne(ExpressionSyntax expression)
                => _model.GetConstantValue(expression, _cancellationToken).Value is int one && one == 1;

            /// <summary>The increment runs whenever its statement does: the statement itself, or an operand of the comparison an <c>if</c> tests.</summary>
            private static bool IsUnconditional(IdentifierNameSyntax write, StatementSyntax statement)
            {
                var update = (ExpressionSyntax)write.Parent!;
                if (statement is ExpressionStatementSyntax expressionStatement)
                {
                    return expressionStatement.Expression == update;
                }

                // if (++attempt >= 3) throw;
                return statement is IfStatementSyntax ifStatement && Unparenthesize(ifStatement.Condition) is BinaryExpressionSyntax comparison
                    && (comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression) || comparison.IsKind(SyntaxKind.GreaterThanExpression)
                        || comparison.IsKind(SyntaxKind.LessThanExpression) || comparison.IsKind(SyntaxKind.LessThanOrEqualExpression)
                        || comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression))
                    && (Unparenthesize(comparison.Left) == update || Unparenthesize(comparison.Right) == update);
            }

            /// <summary>Candidates that <paramref name="nodes"/> read, outside removed code and outside the retrying catches' own filters.</summary>
            private IEnumerable<ISymbol> ReadCandidates(IEnumerable<SyntaxNode> nodes)
            {
                var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var node in nodes)
                {
                    foreach (var id in DescendantsInFunction(node).Append(node).OfType<IdentifierNameSyntax>())
                    {
                        if (_model.GetSymbolInfo(id, _cancellationToken).Symbol is ISymbol symbol && _candidates.Contains(symbol) && !IsRemoved(id)
                            && !(_giveUp != null && _giveUp.Condition.Span.Contains(id.Span))
                            && !(id.Parent is AssignmentExpressionSyntax flagSet && flagSet.Left == id && flagSet.Parent is ExpressionStatementSyntax set && IsFlagAssignment(set))
                            && seen.Add(symbol))
                        {
                            yield return symbol;
                        }
                    }
                }
            }

            private bool IsFlagAssignment(ExpressionStatementSyntax statement)
                => statement.Parent is BlockSyntax block && block.Parent is TryStatementSyntax && block.Statements.LastOrDefault() == statement
                    && statement.Expression is AssignmentExpressionSyntax assignment && assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression);

            /// <summary>
            /// Whether the loop condition can never end the loop after a failure: every retrying catch lets the failure propagate
            /// (through its filter or a guard that throws) before the counter reaches the condition's limit. Code after such a loop
            /// is dead, there for the compiler only (<c>throw new InvalidOperationException("unreachable")</c>).
            /// </summary>
            private bool NeverExhausted(List<ExpressionSyntax> conjuncts, List<(CatchClauseSyntax? Clause, List<StatementSyntax> Statements)> failurePaths)
            {
                foreach (var conjunct in conjuncts)
                {
                    if (!(UpperBound(conjunct, out var limit) is ISymbol counter))
                    {
                        continue;
                    }

                    var writes = Writes(counter);
                    if (writes.Count != 1 || !IsUnitIncrement(writes[0]))
                    {
                        continue;
                    }

                    var atEnd = (_loop is ForStatementSyntax forLoop && forLoop.Incrementors.Any(i => i.Span.Contains(writes[0].Span)))
                        || (_loop is DoStatementSyntax doLoop && doLoop.Condition.Span.Contains(writes[0].Span));
                    if (failurePaths.All(p => ValueWhenRetrying(p.Clause, p.Statements, counter, writes[0], atEnd) <= limit))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The largest value the counter has when the loop condition is next tested after this catch retried; int.MaxValue when unbounded.</summary>
            private int ValueWhenRetrying(CatchClauseSyntax? clause, List<StatementSyntax> statements, ISymbol counter, IdentifierNameSyntax increment, bool atEnd)
            {
                var incrementHere = statements.Any(s => s.Span.Contains(increment.Span));
                if (!atEnd && !incrementHere)
                {
                    return int.MaxValue;
                }

                // What decides that this path goes round: the catch's filter, or the status check whose failing branch it is.
                var decision = clause != null ? clause.Filter?.FilterExpression : _status?.FailureBlockContinues == true ? _status.Check?.Condition : null;
                var max = int.MaxValue;
                foreach (var conjunct in decision == null ? new List<ExpressionSyntax>() : SplitAnd(decision))
                {
                    if (SymbolEqualityComparer.Default.Equals(UpperBound(conjunct, out var bound), counter))
                    {
                        max = System.Math.Min(max, bound + 1); // the filter sees the value before this attempt's increment
                    }
                }

                // if (attempt >= 3) throw;  if (++attempt > 5) throw;  before anything goes round
                foreach (var statement in statements.TakeWhile(s => !DescendantsInFunction(s).Append(s).Any(IsRetryJump)))
                {
                    if (statement is IfStatementSyntax guard && guard.Else == null && (guard.Statement is ThrowStatementSyntax
                            || (guard.Statement is BlockSyntax block && block.Statements.Count == 1 && block.Statements[0] is ThrowStatementSyntax))
                        && Unparenthesize(guard.Condition) is BinaryExpressionSyntax comparison
                        && Negate(comparison) is SyntaxKind goesOn && SymbolEqualityComparer.Default.Equals(UpperBound(comparison.Left, goesOn, comparison.Right, out var bound), counter))
                    {
                        var incrementedBefore = incrementHere && increment.SpanStart < guard.Span.End;
                        max = System.Math.Min(max, incrementedBefore ? bound : bound + 1);
                    }
                }

                return max;
            }

            private static SyntaxKind? Negate(BinaryExpressionSyntax comparison)
            {
                switch (comparison.Kind())
                {
                    case SyntaxKind.GreaterThanOrEqualExpression: return SyntaxKind.LessThanExpression;
                    case SyntaxKind.GreaterThanExpression: return SyntaxKind.LessThanOrEqualExpression;
                    case SyntaxKind.EqualsExpression: return SyntaxKind.LessThanExpression; // counting up from below, == is where it stops
                    default: return null;
                }
            }

            /// <summary><c>attempt &lt; 4</c>, <c>attempt + 1 &lt;= max</c>, <c>4 &gt; attempt</c>: the counter and the largest value it may have.</summary>
            private ISymbol? UpperBound(ExpressionSyntax condition, out int bound)
            {
                bound = 0;
                if (!(Unparenthesize(condition) is BinaryExpressionSyntax comparison))
                {
                    return null;
                }

                switch (comparison.Kind())
                {
                    case SyntaxKind.LessThanExpression:
                    case SyntaxKind.LessThanOrEqualExpression:
                        return UpperBound(comparison.Left, comparison.Kind(), comparison.Right, out bound);
                    case SyntaxKind.GreaterThanExpression:
                        return UpperBound(comparison.Right, SyntaxKind.LessThanExpression, comparison.Left, out bound);
                    case SyntaxKind.GreaterThanOrEqualExpression:
                        return UpperBound(comparison.Right, SyntaxKind.LessThanOrEqualExpression, comparison.Left, out bound);
                    default:
                        return null;
                }
            }

            private ISymbol? UpperBound(ExpressionSyntax subject, SyntaxKind kind, ExpressionSyntax limit, out int bound)
            {
                bound = 0;
                var offset = 0;
                subject = Unparenthesize(subject);
                if (subject is PrefixUnaryExpressionSyntax preIncrement && preIncrement.IsKind(SyntaxKind.PreIncrementExpression))
                {
                    subject = preIncrement.Operand;
                }
                else if (subject is BinaryExpressionSyntax sum && sum.IsKind(SyntaxKind.AddExpression) && _model.GetConstantValue(sum.Right, _cancellationToken).Value is int added)
                {
                    subject = sum.Left;
                    offset = added;
                }

                if (!(subject is IdentifierNameSyntax name) || !(_model.GetConstantValue(limit, _cancellationToken).Value is int value)
                    || !(_model.GetSymbolInfo(name, _cancellationToken).Symbol is ISymbol symbol) || !_candidates.Contains(symbol))
                {
                    return null;
                }

                bound = (kind == SyntaxKind.LessThanExpression ? value - 1 : value) - offset;
                return symbol;
            }

            private bool IsRecursiveCall(InvocationExpressionSyntax invocation)
                => _function != null && _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method
                    && SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).OriginalDefinition, _function.OriginalDefinition);

            private bool IsExtensionCall(InvocationExpressionSyntax invocation)
                => _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol { ReducedFrom: { } };

            /// <summary>Whether the method reads the parameter anywhere but in the arguments of its recursive calls.</summary>
            private bool ReadOutsideRecursiveCalls(IParameterSymbol parameter)
                => _loop.Parent!.DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Any(id => id.Identifier.ValueText == parameter.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, parameter)
                        && !(id.FirstAncestorOrSelf<InvocationExpressionSyntax>() is InvocationExpressionSyntax call && IsRecursiveCall(call)));
        }
    }
}
