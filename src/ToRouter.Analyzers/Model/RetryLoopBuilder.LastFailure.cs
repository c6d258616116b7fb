using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>What the caller sees when every attempt failed (TR0008).</summary>
    internal sealed partial class RetryLoopBuilder
    {
        /// <param name="exhausted">Paths of repeated failure that left through the attempt bound.</param>
        private LastFailure LastFailureOf(IEnumerable<PathEnd> exhausted)
        {
            var seen = new List<LastFailure>();
            foreach (var end in exhausted)
            {
                switch (end.Kind)
                {
                    case EndKind.Throw:
                        // One way out rethrows: the author meant the failure to reach the caller.
                        return LastFailure.Propagates;
                    case EndKind.Return:
                        seen.Add(Returned((ReturnStatementSyntax)end.At!, end.State));
                        break;
                    case EndKind.Break:
                    case EndKind.ConditionEnd:
                    case EndKind.FallOut:
                        seen.AddRange(AfterRegion(end.State));
                        break;
                }
            }

            return seen.Contains(LastFailure.Propagates) || seen.Count == 0 ? LastFailure.Propagates : seen[0];
        }

        /// <summary>Follows the code after the loop (up through enclosing blocks) to the first return, throw or function end.</summary>
        private List<LastFailure> AfterRegion(PathState state)
        {
            var results = new List<LastFailure>();
            if (_region.Shape == RegionShape.Recursion)
            {
                results.Add(FunctionEnd());
                return results;
            }

            var states = One(state);
            SyntaxNode current = _region.Shape == RegionShape.Goto ? _region.Node.Parent! : _region.Node;
            var saved = _ends;
            _ends = new List<PathEnd>();
            try
            {
                while (states.Count > 0)
                {
                    var parent = current.Parent;
                    if (parent is BlockSyntax block)
                    {
                        var following = block.Statements.SkipWhile(s => s != current).Skip(1);
                        states = WalkList(following, states);
                        if (states.Any(s => s.Pending))
                        {
                            results.Add(LastFailure.Propagates);
                        }

                        states = states.Where(s => !s.Pending).ToList();
                        current = block;
                    }
                    else if (parent is ElseClauseSyntax || parent is StatementSyntax && !RetryRegion.IsLoop(parent) && !(parent is TryStatementSyntax))
                    {
                        current = parent is ElseClauseSyntax ? parent.Parent! : parent;
                    }
                    else if (parent is BaseMethodDeclarationSyntax || parent is LocalFunctionStatementSyntax || parent is AnonymousFunctionExpressionSyntax || parent is AccessorDeclarationSyntax)
                    {
                        results.Add(FunctionEnd());
                        break;
                    }
                    else
                    {
                        // Inside an outer loop or a try: what follows is not ours to judge.
                        results.Add(LastFailure.Propagates);
                        break;
                    }
                }

                foreach (var end in _ends)
                {
                    results.Add(end.Kind == EndKind.Return ? Returned((ReturnStatementSyntax)end.At!, end.State) : LastFailure.Propagates);
                }
            }
            finally
            {
                _ends = saved;
            }

            return results;
        }

        /// <summary>A method returning void / Task that runs off its end has left the work undone without a word.</summary>
        private LastFailure FunctionEnd()
        {
            var function = EnclosingFunction();
            return function != null && (function.ReturnsVoid || IsPlainTask(function.ReturnType)) && !IsEventHandler(function)
                ? LastFailure.EndsVoidMethod
                : LastFailure.Propagates;
        }

        /// <summary>
        /// <c>void OnClick(object sender, EventArgs e)</c>: the top of a UI or event call stack, with no caller to tell. Reporting the
        /// failure there (a status label, a log) is how it ends; throwing would only crash the application.
        /// </summary>
        internal static bool IsEventHandler(IMethodSymbol function)
            => function.ReturnsVoid && function.Parameters.Length == 2 && function.Parameters[0].Type.SpecialType == SpecialType.System_Object
                && InheritsFrom(function.Parameters[1].Type, "System.EventArgs");

        private static bool InheritsFrom(ITypeSymbol? type, string name)
        {
            for (; type != null; type = type.BaseType)
            {
                if (type.ToDisplayString() == name)
                {
                    return true;
                }
            }

            return false;
        }

        private LastFailure Returned(ReturnStatementSyntax ret, PathState state)
        {
            var value = ret.Expression;
            if (value == null)
            {
                return LastFailure.EndsVoidMethod;
            }

            var placeholder = PlaceholderValue.Classify(value, PlaceholderValue.IsTryMethodName(EnclosingFunction()?.Name));
            if (placeholder != LastFailure.Propagates)
            {
                return placeholder;
            }

            if (_model.GetSymbolInfo(value, _cancellationToken).Symbol is ILocalSymbol local
                && !_types.HasStatusMember(local.Type)
                && state.Env.TryGetValue(local, out var tracked) && tracked.IsNull == Tri.True)
            {
                return LastFailure.ReturnsNull;
            }

            return LastFailure.Propagates;
        }

        private IMethodSymbol? EnclosingFunction()
        {
            for (var current = _region.Node; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        return _model.GetSymbolInfo(lambda, _cancellationToken).Symbol as IMethodSymbol;
                    case LocalFunctionStatementSyntax _:
                    case BaseMethodDeclarationSyntax _:
                        return _model.GetDeclaredSymbol(current, _cancellationToken) as IMethodSymbol;
                    case AccessorDeclarationSyntax accessor:
                        return _model.GetDeclaredSymbol(accessor, _cancellationToken);
                }
            }

            return null;
        }

        private static bool IsPlainTask(ITypeSymbol type)
            => (type.Name == "Task" || type.Name == "ValueTask") && type is INamedTypeSymbol named && !named.IsGenericType
               && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
    }
}
