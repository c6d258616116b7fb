using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>A condition's value for one attempt outcome, and what it depended on.</summary>
    internal readonly struct Verdict
    {
        public Verdict(Tri value, bool classifier = false, bool statusDependent = false, bool readsBound = false)
        {
            Value = value;
            Classifier = classifier;
            StatusDependent = statusDependent;
            ReadsBound = readsBound;
        }

        public Tri Value { get; }

        /// <summary>Depends on the failure in a way the model cannot evaluate (a user predicate, a header): trust it.</summary>
        public bool Classifier { get; }

        /// <summary>Depends on the attempt's outcome (status, exception type, error text).</summary>
        public bool StatusDependent { get; }

        /// <summary>Reads an attempt counter or a deadline.</summary>
        public bool ReadsBound { get; }

        public Verdict Not() => new Verdict(TriLogic.Not(Value), Classifier, StatusDependent, ReadsBound);

        public Verdict With(Tri value) => new Verdict(value, Classifier, StatusDependent, ReadsBound);

        public static Verdict Merge(Tri value, Verdict a, Verdict b)
            => new Verdict(value, a.Classifier || b.Classifier, a.StatusDependent || b.StatusDependent, a.ReadsBound || b.ReadsBound);

        public static Verdict Outcome(bool value) => new Verdict(TriLogic.Of(value), statusDependent: true);
    }

    /// <summary>Three-valued evaluation of conditions and filters for one attempt outcome.</summary>
    internal sealed partial class RetryLoopBuilder
    {
        // Conditions are evaluated once per outcome (19 times); what they mention does not change.
        private readonly Dictionary<SyntaxNode, bool> _mentionsSticky = new Dictionary<SyntaxNode, bool>();
        private readonly Dictionary<SyntaxNode, bool> _looksAtFailure = new Dictionary<SyntaxNode, bool>();
        private readonly Dictionary<SyntaxNode, bool> _readsBound = new Dictionary<SyntaxNode, bool>();

        private static bool Cached(Dictionary<SyntaxNode, bool> cache, SyntaxNode node, Func<SyntaxNode, bool> compute)
        {
            if (!cache.TryGetValue(node, out var value))
            {
                value = compute(node);
                cache[node] = value;
            }

            return value;
        }

        private Verdict Evaluate(ExpressionSyntax? expression, PathState state, int depth = 0)
        {
            switch (expression)
            {
                case null:
                    return new Verdict(Tri.Unknown);
                case ParenthesizedExpressionSyntax p:
                    return Evaluate(p.Expression, state, depth);
                case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression):
                    return Evaluate(u.Operand, state, depth).Not();
                case PostfixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    return Evaluate(u.Operand, state, depth);
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression):
                    {
                        var left = Evaluate(b.Left, state, depth);
                        var right = Evaluate(b.Right, state, depth);
                        return Verdict.Merge(TriLogic.And(left.Value, right.Value), left, right);
                    }

                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression):
                    {
                        var left = Evaluate(b.Left, state, depth);
                        var right = Evaluate(b.Right, state, depth);
                        return Verdict.Merge(TriLogic.Or(left.Value, right.Value), left, right);
                    }

                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.IsExpression):
                    return TypeTest(b.Left, _model.GetTypeInfo(b.Right, _cancellationToken).Type, state, expression);
                case BinaryExpressionSyntax b when IsComparison(b):
                    return Compare(b, state, depth);
                case IsPatternExpressionSyntax isPattern:
                    return Pattern(isPattern.Expression, isPattern.Pattern, state, depth, expression);
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression):
                    return new Verdict(Tri.True);
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression):
                    return new Verdict(Tri.False);
                case InvocationExpressionSyntax invocation:
                    return Invocation(invocation, state, depth);
                case SwitchExpressionSyntax switchExpression when depth < MaxDepth:
                    return SwitchArms(switchExpression, state, depth);
                case IdentifierNameSyntax _:
                case MemberAccessExpressionSyntax _:
                case ConditionalAccessExpressionSyntax _:
                    return Member(expression, state, depth);
                default:
                    return Opaque(expression, state);
            }
        }

        private static bool IsComparison(BinaryExpressionSyntax b)
        {
            switch (b.Kind())
            {
                case SyntaxKind.EqualsExpression:
                case SyntaxKind.NotEqualsExpression:
                case SyntaxKind.LessThanExpression:
                case SyntaxKind.LessThanOrEqualExpression:
                case SyntaxKind.GreaterThanExpression:
                case SyntaxKind.GreaterThanOrEqualExpression:
                    return true;
                default:
                    return false;
            }
        }

        private Verdict Compare(BinaryExpressionSyntax comparison, PathState state, int depth)
        {
            var kind = comparison.Kind();

            // status == 429, 500 <= (int)response.StatusCode, ex.Status != 0 …
            if (IsStatusExpression(comparison.Left, out var leftNullable) && ConstantInt(comparison.Right) is int right)
            {
                return Verdict.Outcome(CompareStatus(StatusValue(state.Kind, leftNullable), kind, right));
            }

            if (IsStatusExpression(comparison.Right, out var rightNullable) && ConstantInt(comparison.Left) is int left)
            {
                return Verdict.Outcome(CompareStatus(StatusValue(state.Kind, rightNullable), Mirror(kind), left));
            }

            // ex.StatusCode == null: no response came back.
            if ((kind == SyntaxKind.EqualsExpression || kind == SyntaxKind.NotEqualsExpression)
                && (comparison.Right.IsKind(SyntaxKind.NullLiteralExpression) || comparison.Left.IsKind(SyntaxKind.NullLiteralExpression)))
            {
                var subject = comparison.Right.IsKind(SyntaxKind.NullLiteralExpression) ? comparison.Left : comparison.Right;
                if (IsStatusExpression(subject, out _))
                {
                    var isNull = FailureFacts.Status(state.Kind) == null;
                    return Verdict.Outcome(kind == SyntaxKind.EqualsExpression ? isNull : !isNull);
                }
            }

            // body.IndexOf("API_KEY_QUOTA_EXHAUSTED") >= 0
            if (comparison.Left is InvocationExpressionSyntax indexOf && MethodName(indexOf) == "IndexOf" && ConstantInt(comparison.Right) is int bound)
            {
                var contains = Evaluate(indexOf, state, depth);
                var meansContains = (kind == SyntaxKind.GreaterThanOrEqualExpression && bound == 0) || (kind == SyntaxKind.GreaterThanExpression && bound == -1) || (kind == SyntaxKind.NotEqualsExpression && bound == -1);
                return meansContains ? contains : contains.Not();
            }

            // code == "API_KEY_QUOTA_EXHAUSTED", "insufficient_quota".Equals(type) …
            var text = ConstantString(comparison.Right) ?? ConstantString(comparison.Left);
            if (text != null && (kind == SyntaxKind.EqualsExpression || kind == SyntaxKind.NotEqualsExpression))
            {
                var other = ConstantString(comparison.Right) != null ? comparison.Left : comparison.Right;
                var textual = Text(text, other, state);
                return kind == SyntaxKind.EqualsExpression ? textual : textual.Not();
            }

            // flag == true, result != null
            if (kind == SyntaxKind.EqualsExpression || kind == SyntaxKind.NotEqualsExpression)
            {
                var flag = TrackedCompare(comparison.Left, comparison.Right, state, depth) ?? TrackedCompare(comparison.Right, comparison.Left, state, depth);
                if (flag != null)
                {
                    return kind == SyntaxKind.EqualsExpression ? flag.Value : flag.Value.Not();
                }
            }

            return Opaque(comparison, state);
        }

        /// <summary>A tracked local compared with true/false/null.</summary>
        private Verdict? TrackedCompare(ExpressionSyntax subject, ExpressionSyntax constant, PathState state, int depth)
        {
            if (constant.IsKind(SyntaxKind.NullLiteralExpression) || constant.IsKind(SyntaxKind.DefaultLiteralExpression))
            {
                var symbol = _model.GetSymbolInfo(subject, _cancellationToken).Symbol;
                if (symbol != null && state.Env.TryGetValue(symbol, out var value) && value.IsNull != Tri.Unknown)
                {
                    return new Verdict(value.IsNull);
                }

                // var api = ex as ClientResultException; if (api == null) …: a type test in disguise.
                var alias = symbol is ILocalSymbol local ? (state.Env.TryGetValue(local, out var tracked) ? tracked.Alias : DeclaredValue(local)) : null;
                if (alias is BinaryExpressionSyntax asExpression && asExpression.IsKind(SyntaxKind.AsExpression))
                {
                    return TypeTest(asExpression.Left, _model.GetTypeInfo(asExpression.Right, _cancellationToken).Type, state, asExpression).Not();
                }

                // A sticky 429 carries its code in the body, so the body is there.
                if (state.Kind == Failure.S429Sticky && IsString(subject))
                {
                    return new Verdict(Tri.False);
                }

                // 'ex.Type != null' guards a member access; it does not classify the failure.
                return new Verdict(Tri.Unknown, readsBound: ReadsBound(subject));
            }

            if (constant.IsKind(SyntaxKind.TrueLiteralExpression) || constant.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                var verdict = Evaluate(subject, state, depth);
                return constant.IsKind(SyntaxKind.TrueLiteralExpression) ? verdict : verdict.Not();
            }

            return null;
        }

        private Verdict Pattern(ExpressionSyntax subject, PatternSyntax pattern, PathState state, int depth, ExpressionSyntax whole)
        {
            if (IsStatusExpression(subject, out var nullable))
            {
                var status = StatusValue(state.Kind, nullable);
                var matched = MatchStatus(pattern, status);
                return matched == null ? Opaque(whole, state) : Verdict.Outcome(matched.Value);
            }

            switch (pattern)
            {
                case UnaryPatternSyntax not when not.IsKind(SyntaxKind.NotPattern):
                    return Pattern(subject, not.Pattern, state, depth, whole).Not();
                case ParenthesizedPatternSyntax parenthesized:
                    return Pattern(subject, parenthesized.Pattern, state, depth, whole);
                case BinaryPatternSyntax binary:
                    {
                        var left = Pattern(subject, binary.Left, state, depth, whole);
                        var right = Pattern(subject, binary.Right, state, depth, whole);
                        var value = binary.IsKind(SyntaxKind.OrPattern) ? TriLogic.Or(left.Value, right.Value) : TriLogic.And(left.Value, right.Value);
                        return Verdict.Merge(value, left, right);
                    }

                case ConstantPatternSyntax constant when constant.Expression.IsKind(SyntaxKind.NullLiteralExpression):
                    {
                        var symbol = _model.GetSymbolInfo(subject, _cancellationToken).Symbol;
                        return symbol != null && state.Env.TryGetValue(symbol, out var value) && value.IsNull != Tri.Unknown
                            ? new Verdict(value.IsNull)
                            : new Verdict(Tri.Unknown);
                    }

                case ConstantPatternSyntax constant when constant.Expression.IsKind(SyntaxKind.TrueLiteralExpression):
                    return Evaluate(subject, state, depth);
                case ConstantPatternSyntax constant when constant.Expression.IsKind(SyntaxKind.FalseLiteralExpression):
                    return Evaluate(subject, state, depth).Not();
                case ConstantPatternSyntax constant when ConstantString(constant.Expression) is string text:
                    return Text(text, subject, state);
                case ConstantPatternSyntax constant when _model.GetSymbolInfo(constant.Expression, _cancellationToken).Symbol is ITypeSymbol patternType:
                    // 'ex is not OperationCanceledException' parses as a constant pattern naming a type.
                    return TypeTest(subject, patternType, state, whole);
                case DeclarationPatternSyntax declaration:
                    return TypeTest(subject, _model.GetTypeInfo(declaration.Type, _cancellationToken).Type, state, whole);
                case TypePatternSyntax typePattern:
                    return TypeTest(subject, _model.GetTypeInfo(typePattern.Type, _cancellationToken).Type, state, whole);
                case RecursivePatternSyntax recursive:
                    {
                        var result = recursive.Type != null
                            ? TypeTest(subject, _model.GetTypeInfo(recursive.Type, _cancellationToken).Type, state, whole)
                            : new Verdict(Tri.True);
                        foreach (var sub in recursive.PropertyPatternClause?.Subpatterns ?? default)
                        {
                            var member = sub.NameColon?.Name ?? (SyntaxNode?)sub.ExpressionColon?.Expression;
                            var property = member == null ? null : _model.GetSymbolInfo(member, _cancellationToken).Symbol as IPropertySymbol;
                            Verdict part;
                            if (property != null && _types.IsStatusProperty(property))
                            {
                                var matched = MatchStatus(sub.Pattern, StatusValue(state.Kind, property.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T));
                                part = matched == null ? new Verdict(Tri.Unknown, classifier: true) : Verdict.Outcome(matched.Value);
                            }
                            else if (sub.Pattern is ConstantPatternSyntax c && ConstantString(c.Expression) is string text)
                            {
                                part = Text(text, null, state);
                            }
                            else
                            {
                                part = new Verdict(Tri.Unknown, classifier: true);
                            }

                            result = Verdict.Merge(TriLogic.And(result.Value, part.Value), result, part);
                        }

                        return result;
                    }

                default:
                    return Opaque(whole, state);
            }
        }

        /// <summary><c>ex is HttpRequestException</c>: whether this outcome arrives as that exception type.</summary>
        private Verdict TypeTest(ExpressionSyntax subject, ITypeSymbol? type, PathState state, ExpressionSyntax whole)
        {
            var subjectType = _model.GetTypeInfo(subject, _cancellationToken).Type;

            // we.Response is HttpWebResponse r: the failure came with an HTTP response exactly when it carries a status.
            if (type != null && subject is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Response" } } } response
                && IsException(_model.GetTypeInfo(response.Expression, _cancellationToken).Type) && type.Name.EndsWith("Response", StringComparison.Ordinal))
            {
                return Verdict.Outcome(FailureFacts.Status(state.Kind) != null);
            }

            if (type == null || type.TypeKind == TypeKind.Error || !IsException(subjectType) || !IsException(type))
            {
                return Opaque(whole, state);
            }

            if (state.ThrownType != null)
            {
                return Verdict.Outcome(DerivesFrom(state.ThrownType, type));
            }

            var info = _types.ClassifyException(type);
            if (info.CatchesEverything)
            {
                return new Verdict(Tri.True, statusDependent: true);
            }

            if (!info.Matches(state.Kind, state.Thrower))
            {
                return Verdict.Outcome(false);
            }

            // Some non-transport exception may or may not be a JsonException.
            return state.Kind == Failure.Other ? new Verdict(Tri.Unknown, statusDependent: true) : Verdict.Outcome(true);
        }

        private Verdict Invocation(InvocationExpressionSyntax invocation, PathState state, int depth)
        {
            var name = MethodName(invocation);
            var arguments = invocation.ArgumentList.Arguments;

            // message.Contains("429"), body.Contains("API_KEY_QUOTA_EXHAUSTED"), string.Equals(code, "…")
            switch (name)
            {
                case "Contains":
                case "StartsWith":
                case "EndsWith":
                case "IndexOf":
                case "Equals":
                case "IsMatch":
                    foreach (var argument in arguments)
                    {
                        if (ConstantString(argument.Expression) is string text)
                        {
                            return Text(text, invocation.Expression, state);
                        }
                    }

                    break;
            }

            if ((name == "IsNullOrEmpty" || name == "IsNullOrWhiteSpace") && arguments.Count == 1 && state.Kind == Failure.S429Sticky)
            {
                return new Verdict(Tri.False);
            }

            if (MentionsStickyCode(invocation))
            {
                return Verdict.Outcome(state.Kind == Failure.S429Sticky);
            }

            var method = _model.GetSymbolInfo(invocation, _cancellationToken).Symbol as IMethodSymbol;
            if (method != null && _options.IsRetryHelper(method))
            {
                return new Verdict(Tri.Unknown, classifier: true, readsBound: ReadsBound(invocation));
            }

            // A one-line predicate in the same file is evaluated with its parameter standing for the failure.
            if (method != null && depth < MaxDepth && SameFileMethod(method) is MethodDeclarationSyntax helper && SingleReturn(helper) is ExpressionSyntax body)
            {
                var inlined = Evaluate(body, state, depth + 1);
                return new Verdict(inlined.Value, inlined.Classifier, inlined.StatusDependent, inlined.ReadsBound || ReadsBound(invocation));
            }

            // HasStickyCode(body) in the same file, looping over a field of the codes: a classification of the sticky quota,
            // whichever way round it answers.
            if (method != null && SameFileMethod(method) is MethodDeclarationSyntax checker && method.ReturnType.SpecialType == SpecialType.System_Boolean
                && (checker.Body ?? (SyntaxNode?)checker.ExpressionBody) is SyntaxNode checkerBody && MentionsStickyCode(checkerBody))
            {
                return new Verdict(Tri.Unknown, classifier: true, readsBound: ReadsBound(invocation));
            }

            return Opaque(invocation, state);
        }

        /// <summary><c>response.StatusCode switch { HttpStatusCode.TooManyRequests => true, … }</c>: the arm this outcome takes.</summary>
        private Verdict SwitchArms(SwitchExpressionSyntax switchExpression, PathState state, int depth)
        {
            if (!IsStatusExpression(switchExpression.GoverningExpression, out var nullable))
            {
                // ex switch { HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests } => true, HttpRequestException => true, _ => false }:
                // the first arm whose pattern this outcome certainly matches, as long as every arm before it certainly does not.
                foreach (var arm in switchExpression.Arms)
                {
                    var matched = arm.Pattern is DiscardPatternSyntax ? new Verdict(Tri.True) : Pattern(switchExpression.GoverningExpression, arm.Pattern, state, depth + 1, switchExpression);
                    if (matched.Value == Tri.Unknown || arm.WhenClause != null)
                    {
                        return Opaque(switchExpression, state);
                    }

                    if (matched.Value == Tri.True)
                    {
                        var value = Evaluate(arm.Expression, state, depth + 1);
                        return Verdict.Merge(value.Value, value, matched);
                    }
                }

                return Opaque(switchExpression, state);
            }

            var status = StatusValue(state.Kind, nullable);
            foreach (var arm in switchExpression.Arms)
            {
                var matched = MatchStatus(arm.Pattern, status);
                if (matched == null || arm.WhenClause != null)
                {
                    return Opaque(switchExpression, state);
                }

                if (matched.Value)
                {
                    var value = Evaluate(arm.Expression, state, depth + 1);
                    return new Verdict(value.Value, value.Classifier, statusDependent: true, value.ReadsBound);
                }
            }

            return Opaque(switchExpression, state);
        }

        private Verdict Member(ExpressionSyntax expression, PathState state, int depth)
        {
            if (MentionsStickyCode(expression))
            {
                return Verdict.Outcome(state.Kind == Failure.S429Sticky);
            }

            var target = expression is ConditionalAccessExpressionSyntax conditional ? conditional.WhenNotNull : expression;
            var symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
            switch (symbol)
            {
                case IPropertySymbol property when property.Name == "IsCancellationRequested" && _types.IsCancellationToken(property.ContainingType):
                    return Verdict.Outcome(state.Kind == Failure.Canceled);
                case IPropertySymbol property when IsSuccessProperty(property):
                    return Verdict.Outcome(state.Kind == Failure.Success);
                case IPropertySymbol property when property.Name == "HasValue" && target is MemberAccessExpressionSyntax access && IsStatusExpression(access.Expression, out _):
                    return Verdict.Outcome(FailureFacts.Status(state.Kind) != null);
                case ILocalSymbol local:
                    if (state.Env.TryGetValue(local, out var value))
                    {
                        if (value.Truth != Tri.Unknown)
                        {
                            return new Verdict(value.Truth);
                        }

                        if (value.Alias != null && depth < MaxDepth)
                        {
                            return Evaluate(value.Alias, state, depth + 1);
                        }
                    }
                    else if (depth < MaxDepth && DeclaredValue(local) is ExpressionSyntax initializer)
                    {
                        return Evaluate(initializer, state, depth + 1);
                    }

                    break;
            }

            return Opaque(expression, state);
        }

        /// <summary>IsSuccessStatusCode, or IsSuccessful / Successful … on a type that also carries a status.</summary>
        private bool IsSuccessProperty(IPropertySymbol property)
        {
            if (property.Type.SpecialType != SpecialType.System_Boolean)
            {
                return false;
            }

            switch (property.Name)
            {
                case "IsSuccessStatusCode":
                    return true;
                case "IsSuccessful":
                case "IsSuccess":
                case "Successful":
                case "Success":
                case "Succeeded":
                case "Ok":
                case "IsOk":
                    return _types.HasStatusMember(property.ContainingType);
                default:
                    return false;
            }
        }

        /// <summary>A condition the model cannot evaluate: a user classifier when it looks at the failure, else unrelated.</summary>
        private Verdict Opaque(ExpressionSyntax expression, PathState state)
        {
            var constant = _model.GetConstantValue(expression, _cancellationToken);
            if (constant.HasValue && constant.Value is bool b)
            {
                return new Verdict(TriLogic.Of(b));
            }

            return new Verdict(Tri.Unknown, classifier: LooksAtFailure(expression), readsBound: ReadsBound(expression));
        }

        /// <summary>Error text: sticky codes, status words, rate-limit words; anything else is a user classification.</summary>
        private Verdict Text(string text, ExpressionSyntax? subject, PathState state)
        {
            var kinds = TextKinds(text);
            if (kinds.IsEmpty && _options.StickyCodes.Any(code => text.IndexOf(code, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return Verdict.Outcome(false); // OpenAI's own insufficient_quota: a quota code, but none the gateway sends
            }

            if (kinds.IsEmpty)
            {
                // Some other error text: it classifies the failure, but it is not a sticky-code check.
                return state.Kind == Failure.S429Sticky ? new Verdict(Tri.False) : new Verdict(Tri.Unknown, classifier: true);
            }

            return Verdict.Outcome(kinds.Contains(state.Kind));
        }

        private FailureSet TextKinds(string text)
        {
            foreach (var code in _options.GatewayStickyCodes)
            {
                if (text.IndexOf(code, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return FailureSet.Of(Failure.S429Sticky);
                }
            }

            var lower = text.ToLowerInvariant();
            if (lower.Contains("429") || lower.Contains("too many") || lower.Contains("toomany") || lower.Contains("rate limit") || lower.Contains("rate_limit") || lower.Contains("ratelimit") || lower.Contains("throttl"))
            {
                return FailureSet.RateLimits;
            }

            if (lower.Contains("401") || lower.Contains("unauthorized") || lower.Contains("invalid_api_key") || lower.Contains("invalid api key"))
            {
                return FailureSet.Of(Failure.S401);
            }

            if (lower.Contains("403") || lower.Contains("forbidden"))
            {
                return FailureSet.Of(Failure.S403);
            }

            if (lower.Contains("404") || lower.Contains("not found") || lower.Contains("notfound"))
            {
                return FailureSet.Of(Failure.S404);
            }

            if (lower.Contains("400") || lower.Contains("bad request") || lower.Contains("badrequest"))
            {
                return FailureSet.Of(Failure.S400);
            }

            if (lower.Contains("402") || lower.Contains("payment"))
            {
                return FailureSet.Of(Failure.S402);
            }

            if (lower.Contains("502") || lower.Contains("bad gateway") || lower.Contains("upstream"))
            {
                return FailureSet.Of(Failure.S502);
            }

            if (lower.Contains("503") || lower.Contains("unavailable") || lower.Contains("overloaded"))
            {
                return FailureSet.Of(Failure.S503);
            }

            if (lower.Contains("504") || lower.Contains("gateway timeout"))
            {
                return FailureSet.Of(Failure.S504);
            }

            if (lower.Contains("500") || lower.Contains("internal server error"))
            {
                return FailureSet.Of(Failure.S500);
            }

            if (lower.Contains("timeout") || lower.Contains("timed out"))
            {
                return FailureSet.Of(Failure.Timeout, Failure.S408, Failure.S504);
            }

            return FailureSet.Empty;
        }

        /// <summary>A literal (or a constant, or a field initialised with literals) naming a sticky quota code.</summary>
        private bool MentionsStickyCode(SyntaxNode expression) => Cached(_mentionsSticky, expression, MentionsStickyCodeUncached);

        private bool MentionsStickyCodeUncached(SyntaxNode expression)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        if (IsStickyText(literal.Token.ValueText))
                        {
                            return true;
                        }

                        break;
                    case IdentifierNameSyntax identifier:
                        var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                        if (symbol is IFieldSymbol field && (field.IsConst || field.IsReadOnly || field.IsStatic))
                        {
                            if (field.HasConstantValue && field.ConstantValue is string s && IsStickyText(s))
                            {
                                return true;
                            }

                            foreach (var reference in field.DeclaringSyntaxReferences)
                            {
                                if (reference.SyntaxTree == _model.SyntaxTree
                                    && reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator
                                    && declarator.Initializer != null
                                    && declarator.Initializer.DescendantNodes().OfType<LiteralExpressionSyntax>().Any(l => IsStickyText(l.Token.ValueText)))
                                {
                                    return true;
                                }
                            }
                        }

                        break;
                }
            }

            return false;
        }

        private bool IsStickyText(string text)
        {
            foreach (var code in _options.GatewayStickyCodes)
            {
                if (string.Equals(text, code, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Refers to an exception, a response, or error text: a predicate over it classifies the failure.</summary>
        private bool LooksAtFailure(SyntaxNode expression) => Cached(_looksAtFailure, expression, LooksAtFailureUncached);

        private bool LooksAtFailureUncached(SyntaxNode expression)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier)
                {
                    var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                    var type = symbol switch
                    {
                        ILocalSymbol l => l.Type,
                        IParameterSymbol p => p.Type,
                        IFieldSymbol f => f.Type,
                        IPropertySymbol p => p.Type,
                        _ => null,
                    };
                    if (IsException(type) || _types.HasStatusMember(type))
                    {
                        return true;
                    }

                    if (symbol is IPropertySymbol property && (_types.IsStatusProperty(property) || property.Name == "Message" || property.Name == "ResponseBody" || property.Name == "ResponseContent" || property.Name == "ErrorCode" || property.Name == "Content"))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool ReadsBound(SyntaxNode expression) => Cached(_readsBound, expression, ReadsBoundUncached);

        private bool ReadsBoundUncached(SyntaxNode expression)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case IdentifierNameSyntax identifier:
                        var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                        if (symbol != null && _counters.Contains(symbol))
                        {
                            return true;
                        }

                        // Deadlines: Stopwatch.Elapsed, DateTime.UtcNow, Environment.TickCount …
                        switch (identifier.Identifier.ValueText)
                        {
                            case "Elapsed":
                            case "ElapsedMilliseconds":
                            case "ElapsedTicks":
                            case "UtcNow":
                            case "Now":
                            case "TickCount":
                            case "TickCount64":
                            case "GetElapsedTime":
                            case "GetUtcNow":
                            case "GetTimestamp":
                                return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>An HTTP status value: response.StatusCode, (int)ex.Status, ex.GetRawResponse()?.Status, a local holding one.</summary>
        private bool IsStatusExpression(ExpressionSyntax expression, out bool nullable, int depth = 0)
        {
            nullable = false;
            switch (expression)
            {
                case ParenthesizedExpressionSyntax p:
                    return IsStatusExpression(p.Expression, out nullable, depth);
                case CastExpressionSyntax c:
                    return IsStatusExpression(c.Expression, out nullable, depth);
                case PostfixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    return IsStatusExpression(u.Operand, out nullable, depth);
                case MemberAccessExpressionSyntax access when access.Name.Identifier.ValueText == "Value":
                    return IsStatusExpression(access.Expression, out nullable, depth);
                case InvocationExpressionSyntax invocation when invocation.ArgumentList.Arguments.Count == 1 && MethodName(invocation)?.StartsWith("ToInt", StringComparison.Ordinal) == true:
                    return IsStatusExpression(invocation.ArgumentList.Arguments[0].Expression, out nullable, depth);
            }

            if (!(expression is IdentifierNameSyntax || expression is MemberAccessExpressionSyntax || expression is ConditionalAccessExpressionSyntax || expression is MemberBindingExpressionSyntax))
            {
                return false;
            }

            var type = _model.GetTypeInfo(expression, _cancellationToken).Type;
            nullable = type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            var target = expression is ConditionalAccessExpressionSyntax conditional ? conditional.WhenNotNull : expression;
            var symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
            switch (symbol)
            {
                case IPropertySymbol property:
                    return _types.IsStatusProperty(property);
                case ILocalSymbol local when depth < MaxDepth && _types.IsStatusValueType(local.Type):
                    return DeclaredValue(local) is ExpressionSyntax initializer && IsStatusExpression(initializer, out _, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>The status an outcome carries; null (nullable subjects) or 0 (int subjects) when no response came back.</summary>
        private static int? StatusValue(Failure kind, bool nullable)
        {
            var status = FailureFacts.Status(kind);
            return status ?? (nullable ? (int?)null : 0);
        }

        private static bool CompareStatus(int? status, SyntaxKind kind, int value)
        {
            if (status == null)
            {
                return kind == SyntaxKind.NotEqualsExpression;
            }

            switch (kind)
            {
                case SyntaxKind.EqualsExpression: return status == value;
                case SyntaxKind.NotEqualsExpression: return status != value;
                case SyntaxKind.LessThanExpression: return status < value;
                case SyntaxKind.LessThanOrEqualExpression: return status <= value;
                case SyntaxKind.GreaterThanExpression: return status > value;
                case SyntaxKind.GreaterThanOrEqualExpression: return status >= value;
                default: return false;
            }
        }

        private static SyntaxKind Mirror(SyntaxKind kind)
        {
            switch (kind)
            {
                case SyntaxKind.LessThanExpression: return SyntaxKind.GreaterThanExpression;
                case SyntaxKind.LessThanOrEqualExpression: return SyntaxKind.GreaterThanOrEqualExpression;
                case SyntaxKind.GreaterThanExpression: return SyntaxKind.LessThanExpression;
                case SyntaxKind.GreaterThanOrEqualExpression: return SyntaxKind.LessThanOrEqualExpression;
                default: return kind;
            }
        }

        private bool? MatchStatus(PatternSyntax pattern, int? status)
        {
            switch (pattern)
            {
                case ConstantPatternSyntax constant:
                    if (constant.Expression.IsKind(SyntaxKind.NullLiteralExpression))
                    {
                        return status == null;
                    }

                    return ConstantInt(constant.Expression) is int value ? status == value : (bool?)null;
                case RelationalPatternSyntax relational:
                    if (!(ConstantInt(relational.Expression) is int bound))
                    {
                        return null;
                    }

                    var kind = relational.OperatorToken.Kind() switch
                    {
                        SyntaxKind.LessThanToken => SyntaxKind.LessThanExpression,
                        SyntaxKind.LessThanEqualsToken => SyntaxKind.LessThanOrEqualExpression,
                        SyntaxKind.GreaterThanToken => SyntaxKind.GreaterThanExpression,
                        _ => SyntaxKind.GreaterThanOrEqualExpression,
                    };
                    return status != null && CompareStatus(status, kind, bound);
                case UnaryPatternSyntax not:
                    var inner = MatchStatus(not.Pattern, status);
                    return inner == null ? null : !inner;
                case ParenthesizedPatternSyntax parenthesized:
                    return MatchStatus(parenthesized.Pattern, status);
                case BinaryPatternSyntax binary:
                    var left = MatchStatus(binary.Left, status);
                    var right = MatchStatus(binary.Right, status);
                    if (left == null || right == null)
                    {
                        return null;
                    }

                    return binary.IsKind(SyntaxKind.OrPattern) ? left.Value || right.Value : left.Value && right.Value;
                case DiscardPatternSyntax _:
                    return true;
                default:
                    return null;
            }
        }

        private int? ConstantInt(ExpressionSyntax expression)
        {
            var constant = _model.GetConstantValue(expression, _cancellationToken);
            if (!constant.HasValue || constant.Value == null)
            {
                return null;
            }

            try
            {
                return Convert.ToInt32(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is InvalidCastException || e is FormatException || e is OverflowException)
            {
                return null;
            }
        }

        private string? ConstantString(ExpressionSyntax expression)
        {
            var constant = _model.GetConstantValue(expression, _cancellationToken);
            return constant.HasValue ? constant.Value as string : null;
        }

        internal static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax name => name.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static ExpressionSyntax? SingleReturn(MethodDeclarationSyntax method)
        {
            if (method.ExpressionBody != null)
            {
                return method.ExpressionBody.Expression;
            }

            return method.Body?.Statements.Count == 1 && method.Body.Statements[0] is ReturnStatementSyntax ret ? ret.Expression : null;
        }

        private ExpressionSyntax? DeclaredValue(ILocalSymbol local)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == _model.SyntaxTree && reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator)
                {
                    return declarator.Initializer?.Value;
                }
            }

            return null;
        }

        private bool IsString(ExpressionSyntax expression)
            => _model.GetTypeInfo(expression, _cancellationToken).Type?.SpecialType == SpecialType.System_String;

        private bool IsException(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _types.Exception))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
