using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>How the wait between attempts grows: constant, linear, exponential, random, scheduled, server-driven.</summary>
    internal sealed partial class RetryLoopBuilder
    {
        private const int MaxDepth = 3;

        /// <summary>The delay of each wait, computed once: every path through it waits the same way.</summary>
        private readonly Dictionary<SyntaxNode, Delay> _delays = new Dictionary<SyntaxNode, Delay>();

        private Delay DelayOf(InvocationExpressionSyntax wait, Call call)
        {
            if (!_delays.TryGetValue(wait, out var delay))
            {
                _delays[wait] = delay = ComputeDelay(wait, call);
            }

            return delay;
        }

        private Delay ComputeDelay(InvocationExpressionSyntax wait, Call call)
        {
            if (call.Helper != null)
            {
                return HelperDelay(call.Helper, wait, depth: 1);
            }

            var argument = wait.ArgumentList.Arguments.FirstOrDefault();
            return argument == null ? Delay.Constant : Grow(argument.Expression, null, 0);
        }

        /// <summary>What a same-file helper computes, with its parameters standing for the call's arguments.</summary>
        private Delay HelperDelay(MethodDeclarationSyntax helper, InvocationExpressionSyntax call, int depth)
        {
            if (depth > MaxDepth)
            {
                return new Delay(Growth.Constant, opaque: true);
            }

            var parameters = new Dictionary<ISymbol, Delay>(SymbolEqualityComparer.Default);
            var arguments = call.ArgumentList.Arguments;
            for (var i = 0; i < arguments.Count && i < helper.ParameterList.Parameters.Count; i++)
            {
                var parameter = _model.GetDeclaredSymbol(helper.ParameterList.Parameters[i], _cancellationToken);
                if (parameter != null)
                {
                    parameters[parameter] = Grow(arguments[i].Expression, null, depth);
                }
            }

            // Every value the helper computes: returns, locals and assignments, and the waits it makes.
            var result = new Delay(Growth.Constant);
            SyntaxNode? body = (SyntaxNode?)helper.Body ?? helper.ExpressionBody;
            if (body == null)
            {
                return new Delay(Growth.Constant, opaque: true);
            }

            foreach (var node in body.DescendantNodesAndSelf())
            {
                ExpressionSyntax? value = node switch
                {
                    ArrowExpressionClauseSyntax arrow => arrow.Expression,
                    ReturnStatementSyntax ret => ret.Expression,
                    EqualsValueClauseSyntax init => init.Value,
                    AssignmentExpressionSyntax assignment => assignment.Right,
                    _ => null,
                };
                if (value != null)
                {
                    result = result.Combine(Grow(value, parameters, depth));
                }

                if (node is InvocationExpressionSyntax wait && IsDirectWait(wait) && wait.ArgumentList.Arguments.Count > 0)
                {
                    result = result.Combine(Grow(wait.ArgumentList.Arguments[0].Expression, parameters, depth));
                }

                if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && IsRetryAfterText(literal.Token.ValueText))
                {
                    result = result.Combine(new Delay(Growth.Constant, serverHint: true));
                }
            }

            return result;
        }

        private Delay Grow(ExpressionSyntax? expression, Dictionary<ISymbol, Delay>? parameters, int depth)
        {
            switch (expression)
            {
                case null:
                case LiteralExpressionSyntax _:
                case InterpolatedStringExpressionSyntax _:
                    return Delay.Constant;
                case ParenthesizedExpressionSyntax p:
                    return Grow(p.Expression, parameters, depth);
                case CastExpressionSyntax c:
                    return Grow(c.Expression, parameters, depth);
                case CheckedExpressionSyntax c:
                    return Grow(c.Expression, parameters, depth);
                case AwaitExpressionSyntax a:
                    return Grow(a.Expression, parameters, depth);
                case PrefixUnaryExpressionSyntax u:
                    return Grow(u.Operand, parameters, depth);
                case PostfixUnaryExpressionSyntax u:
                    return Grow(u.Operand, parameters, depth);
                case BinaryExpressionSyntax b:
                    return GrowBinary(b, parameters, depth);
                case ConditionalExpressionSyntax c:
                    return Grow(c.WhenTrue, parameters, depth).Combine(Grow(c.WhenFalse, parameters, depth));
                case ElementAccessExpressionSyntax e:
                    var indexed = Grow(e.Expression, parameters, depth);
                    return e.ArgumentList.Arguments.Any(a => ReadsCounter(a.Expression))
                        ? indexed.Combine(new Delay(Growth.Constant, schedule: true))
                        : indexed;
                case ObjectCreationExpressionSyntax o:
                    return (o.ArgumentList?.Arguments ?? default).Aggregate(Delay.Constant, (d, a) => d.Combine(Grow(a.Expression, parameters, depth)));
                case InvocationExpressionSyntax i:
                    return GrowInvocation(i, parameters, depth);
                case ConditionalAccessExpressionSyntax ca:
                    return Grow(ca.Expression, parameters, depth).Combine(GrowName(ca.WhenNotNull, parameters, depth));
                case MemberAccessExpressionSyntax _:
                case IdentifierNameSyntax _:
                case MemberBindingExpressionSyntax _:
                    return GrowName(expression, parameters, depth);
                default:
                    return Delay.Constant;
            }
        }

        private Delay GrowBinary(BinaryExpressionSyntax binary, Dictionary<ISymbol, Delay>? parameters, int depth)
        {
            var left = Grow(binary.Left, parameters, depth);
            var right = Grow(binary.Right, parameters, depth);
            var both = left.Combine(right);
            switch (binary.Kind())
            {
                case SyntaxKind.MultiplyExpression:
                    if (left.Growth == Growth.Exponential || right.Growth == Growth.Exponential)
                    {
                        return both.WithGrowth(Growth.Exponential);
                    }

                    return left.Growth >= Growth.Linear && right.Growth >= Growth.Linear ? both.WithGrowth(Growth.Polynomial) : both;
                case SyntaxKind.LeftShiftExpression:
                    return right.Growth >= Growth.Linear ? both.WithGrowth(Growth.Exponential) : both;
                case SyntaxKind.DivideExpression:
                case SyntaxKind.ModuloExpression:
                case SyntaxKind.RightShiftExpression:
                    return left.Combine(right.WithGrowth(Growth.Constant));
                default:
                    return both;
            }
        }

        private Delay GrowInvocation(InvocationExpressionSyntax invocation, Dictionary<ISymbol, Delay>? parameters, int depth)
        {
            var method = _model.GetSymbolInfo(invocation, _cancellationToken).Symbol as IMethodSymbol;
            var arguments = invocation.ArgumentList.Arguments.Aggregate(Delay.Constant, (d, a) => d.Combine(Grow(a.Expression, parameters, depth)));
            var receiver = invocation.Expression is MemberAccessExpressionSyntax access ? Grow(access.Expression, parameters, depth) : Delay.Constant;
            if (method == null)
            {
                return arguments.Combine(new Delay(Growth.Constant, opaque: true));
            }

            var typeName = method.ContainingType?.Name ?? string.Empty;
            if (_types.IsRandom(method.ContainingType) || method.Name == "NewGuid")
            {
                return arguments.Combine(receiver).Combine(new Delay(Growth.Constant, jitter: true));
            }

            if (method.Name.IndexOf("RetryAfter", System.StringComparison.OrdinalIgnoreCase) >= 0
                || invocation.ArgumentList.Arguments.Any(a => a.Expression is LiteralExpressionSyntax l && IsRetryAfterText(l.Token.ValueText)))
            {
                return arguments.Combine(new Delay(Growth.Constant, serverHint: true));
            }

            if ((typeName == "Math" || typeName == "MathF") && (method.Name == "Pow" || method.Name == "Exp") && invocation.ArgumentList.Arguments.Count > 0)
            {
                var args = invocation.ArgumentList.Arguments;
                var exponent = Grow(args[args.Count - 1].Expression, parameters, depth);
                var @base = Grow(args[0].Expression, parameters, depth);
                if (exponent.Growth >= Growth.Linear)
                {
                    return arguments.WithGrowth(Growth.Exponential);
                }

                return method.Name == "Pow" && @base.Growth >= Growth.Linear ? arguments.WithGrowth(Growth.Polynomial) : arguments;
            }

            switch (typeName)
            {
                case "Math":
                case "MathF":
                case "TimeSpan":
                case "Convert":
                case "Int32":
                case "Int64":
                case "Double":
                case "Nullable":
                case "Interlocked":
                    return arguments.Combine(receiver);
            }

            var helper = SameFileMethod(method);
            if (helper != null)
            {
                return HelperDelay(helper, invocation, depth + 1).Combine(receiver);
            }

            return arguments.Combine(receiver).Combine(new Delay(Growth.Constant, opaque: true));
        }

        private Delay GrowName(ExpressionSyntax expression, Dictionary<ISymbol, Delay>? parameters, int depth)
        {
            var symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
            var receiver = expression is MemberAccessExpressionSyntax access ? Grow(access.Expression, parameters, depth) : Delay.Constant;
            switch (symbol)
            {
                case null:
                    return receiver;
                case IPropertySymbol property when property.Name.StartsWith("RetryAfter", System.StringComparison.Ordinal)
                                                  || property.ContainingType?.Name == "RetryConditionHeaderValue":
                    return receiver.Combine(new Delay(Growth.Constant, serverHint: true));
                case IPropertySymbol property when property.Name == "Shared" && _types.IsRandom(property.Type):
                    return new Delay(Growth.Constant, jitter: true);
            }

            if (parameters != null && parameters.TryGetValue(symbol, out var mapped))
            {
                return mapped;
            }

            if (_counters.Contains(symbol))
            {
                return receiver.Combine(new Delay(Growth.Linear));
            }

            if (_iterationVariable != null && SymbolEqualityComparer.Default.Equals(symbol, _iterationVariable))
            {
                return new Delay(Growth.Constant, schedule: true);
            }

            if (depth <= MaxDepth && (symbol is ILocalSymbol || symbol is IFieldSymbol || symbol is IPropertySymbol))
            {
                return receiver.Combine(GrowVariable(symbol, parameters, depth + 1));
            }

            return receiver;
        }

        /// <summary>A variable's growth: its initializer inside the region, and how the region updates it.</summary>
        private Delay GrowVariable(ISymbol symbol, Dictionary<ISymbol, Delay>? parameters, int depth)
        {
            var result = Delay.Constant;
            if (IsSetByCall(symbol))
            {
                // ShouldRetry(ex, attempt, out delay): computed by code the model does not follow.
                return new Delay(Growth.Constant, opaque: true);
            }

            if (_assignments.TryGetValue(symbol, out var updates))
            {
                foreach (var update in updates.OfType<AssignmentExpressionSyntax>())
                {
                    result = result.Combine(UpdateGrowth(update, symbol, parameters, depth));
                }
            }

            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == _model.SyntaxTree
                    && reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator
                    && declarator.Initializer != null
                    && (symbol is ILocalSymbol))
                {
                    // Computed once before the loop, an initializer is a constant whatever it calls.
                    if (!_region.Node.Span.Contains(declarator.Span) && declarator.SyntaxTree == _region.Node.SyntaxTree)
                    {
                        continue;
                    }

                    result = result.Combine(Grow(declarator.Initializer.Value, parameters, depth));
                }
            }

            return result;
        }

        /// <summary>Whether a call sets the variable: <c>out delay</c>, <c>ref delay</c> in the region, or declared by <c>out var delay</c>.</summary>
        private bool IsSetByCall(ISymbol symbol)
        {
            if (symbol.DeclaringSyntaxReferences.Any(r => r.GetSyntax(_cancellationToken) is SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax _ } }))
            {
                return true;
            }

            return _region.Statements.SelectMany(s => RetryRegion.OwnDescendants(s)).OfType<ArgumentSyntax>()
                .Any(a => (a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) || a.RefKindKeyword.IsKind(SyntaxKind.RefKeyword))
                    && a.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == symbol.Name
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol));
        }

        /// <summary><c>delay *= 2</c> is exponential, <c>delay += 500</c> linear, <c>delay = Min(delay * 2, max)</c> exponential.</summary>
        private Delay UpdateGrowth(AssignmentExpressionSyntax update, ISymbol symbol, Dictionary<ISymbol, Delay>? parameters, int depth)
        {
            var right = Grow(update.Right, parameters, depth);
            switch (update.Kind())
            {
                case SyntaxKind.MultiplyAssignmentExpression:
                case SyntaxKind.LeftShiftAssignmentExpression:
                    return right.WithGrowth(Growth.Exponential);
                case SyntaxKind.AddAssignmentExpression:
                case SyntaxKind.SubtractAssignmentExpression:
                    return right.Growth == Growth.Exponential ? right : right.WithGrowth(Growth.Linear);
            }

            if (!References(update.Right, symbol))
            {
                return right;
            }

            foreach (var binary in update.Right.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>())
            {
                if ((binary.IsKind(SyntaxKind.MultiplyExpression) || binary.IsKind(SyntaxKind.LeftShiftExpression) || binary.IsKind(SyntaxKind.AddExpression))
                    && (References(binary.Left, symbol) || References(binary.Right, symbol)))
                {
                    var selfDoubling = binary.IsKind(SyntaxKind.AddExpression) ? References(binary.Left, symbol) && References(binary.Right, symbol) : true;
                    if (selfDoubling)
                    {
                        return right.WithGrowth(Growth.Exponential);
                    }
                }
            }

            return right.Growth == Growth.Exponential ? right : right.WithGrowth(Growth.Linear);
        }

        private bool IsDirectWait(InvocationExpressionSyntax invocation)
        {
            var role = CallOf(invocation);
            return role.Role == CallRole.Wait && role.Helper == null;
        }

        private bool ReadsCounter(SyntaxNode node)
        {
            foreach (var identifier in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                if (symbol != null && _counters.Contains(symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRetryAfterText(string text)
            => text.Equals("Retry-After", System.StringComparison.OrdinalIgnoreCase)
               || text.Equals("retry-after-ms", System.StringComparison.OrdinalIgnoreCase)
               || text.Equals("x-ms-retry-after-ms", System.StringComparison.OrdinalIgnoreCase)
               || text.StartsWith("x-ratelimit-reset", System.StringComparison.OrdinalIgnoreCase);
    }
}
