using System.Collections.Generic;
using System.Linq;
using ToRouter.Analyzers.Model;

namespace ToRouter.Analyzers.Rules
{
    /// <summary>Message fragments shared by the rules.</summary>
    internal static class Describe
    {
        public static string Decision(RetryDecision decision) => decision.IsCatch ? "catch" : "status check";

        /// <summary>"401", "401 and 403", "400, 401, 403 and 404".</summary>
        public static string Statuses(FailureSet statuses)
        {
            var codes = statuses.Kinds().Select(k => FailureFacts.Status(k)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return codes.Count == 1 ? codes[0] : string.Join(", ", codes.Take(codes.Count - 1)) + " and " + codes[codes.Count - 1];
        }

        public static string LastFailure(LastFailure lastFailure)
        {
            switch (lastFailure)
            {
                case Model.LastFailure.ReturnsNull: return "returns null";
                case Model.LastFailure.ReturnsDefault: return "returns a default value";
                case Model.LastFailure.EndsVoidMethod: return "ends the method with the work undone";
                default: return "returns a placeholder";
            }
        }
    }
}
