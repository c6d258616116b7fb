using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.Model
{
    /// <summary>What the walker knows about a local at one point of one path.</summary>
    internal readonly struct Value
    {
        private Value(Tri truth, Tri isNull, ExpressionSyntax? alias)
        {
            Truth = truth;
            IsNull = isNull;
            Alias = alias;
        }

        public Tri Truth { get; }

        public Tri IsNull { get; }

        /// <summary>The expression last assigned, re-evaluated when the local is read in a condition.</summary>
        public ExpressionSyntax? Alias { get; }

        public static Value Of(Tri truth, Tri isNull, ExpressionSyntax? alias) => new Value(truth, isNull, alias);
    }

    /// <summary>One path through one attempt, for one outcome of the attempt.</summary>
    internal sealed class PathState
    {
        public PathState(Failure kind, ImmutableDictionary<ISymbol, Value> env)
        {
            Kind = kind;
            Env = env;
            Waits = ImmutableList<Delay>.Empty;
        }

        public Failure Kind { get; }

        /// <summary>The failure has happened in this iteration (thrown, or returned as a failing response).</summary>
        public bool Raised { get; set; }

        /// <summary>The failure came back as a response with a failing status (not thrown).</summary>
        public bool Manifested { get; set; }

        /// <summary>A thrown exception still looking for its catch.</summary>
        public bool Pending { get; set; }

        public ClientFamily Thrower { get; set; }

        /// <summary>The exception type a <c>throw</c> statement created; null when a call threw.</summary>
        public ITypeSymbol? ThrownType { get; set; }

        /// <summary>The catch clause or status condition that decided this path.</summary>
        public SyntaxNode? Decision { get; set; }

        /// <summary>A user predicate the model cannot evaluate (IsTransient(ex) …) vetted this path.</summary>
        public bool Classified { get; set; }

        /// <summary>The path went through a branch that tests an attempt count or a deadline.</summary>
        public bool PassedBound { get; set; }

        /// <summary>The failure path changed what the attempt sends (shrunk history, refreshed token, next key).</summary>
        public bool ChangesRequest { get; set; }

        /// <summary>The path went through a guard that lets it happen once (<c>attempt == 0</c>, <c>!refreshed</c>).</summary>
        public bool PassedOnceGuard { get; set; }

        public bool Slept { get; set; }

        public ImmutableList<Delay> Waits { get; set; }

        public ImmutableDictionary<ISymbol, Value> Env { get; set; }

        public PathState Clone() => (PathState)MemberwiseClone();
    }

    internal enum EndKind
    {
        /// <summary>Goes round again.</summary>
        Retry,
        Return,
        Throw,
        Break,
        /// <summary>The loop's condition ended it (or a foreach ran out).</summary>
        ConditionEnd,
        /// <summary>Fell out of a goto region or off the end of a recursive method.</summary>
        FallOut,
    }

    internal readonly struct PathEnd
    {
        public PathEnd(EndKind kind, PathState state, SyntaxNode? at)
        {
            Kind = kind;
            State = state;
            At = at;
        }

        public EndKind Kind { get; }

        public PathState State { get; }

        /// <summary>The return statement (for Return), or null.</summary>
        public SyntaxNode? At { get; }
    }
}
