namespace ToRouter.Analyzers.Model
{
    /// <summary>Three-valued truth: what a condition is known to be for one attempt outcome.</summary>
    public enum Tri
    {
        False,
        True,
        Unknown,
    }

    public static class TriLogic
    {
        public static Tri Not(Tri value) => value == Tri.True ? Tri.False : value == Tri.False ? Tri.True : Tri.Unknown;

        public static Tri And(Tri left, Tri right)
            => left == Tri.False || right == Tri.False ? Tri.False : left == Tri.True && right == Tri.True ? Tri.True : Tri.Unknown;

        public static Tri Or(Tri left, Tri right)
            => left == Tri.True || right == Tri.True ? Tri.True : left == Tri.False && right == Tri.False ? Tri.False : Tri.Unknown;

        public static Tri Of(bool value) => value ? Tri.True : Tri.False;
    }
}
