using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToRouter.Analyzers.CodeFixes.BackoffRewrite;

namespace ToRouter.Analyzers.CodeFixes
{
    /// <summary>
    /// "Rewrite as bounded exponential backoff", offered for every TR rule: turns the whole retry loop (or self-recursive
    /// retry) into the canonical shape of SPEC section 4 (at most max_attempts attempts, the last failure propagating
    /// through an exception filter, sticky quota codes and 400-404 terminal, full-jitter capped exponential delays that
    /// honour Retry-After). A failover loop keeps its loop: only the flagged catch clauses are narrowed.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(BackoffRewriteCodeFixProvider)), Shared]
    public sealed class BackoffRewriteCodeFixProvider : RetryLoopCodeFixProvider
    {
        public const string Key = "TR.RewriteAsBoundedBackoff";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create("TR0001", "TR0002", "TR0003", "TR0004", "TR0005", "TR0006", "TR0007", "TR0008");

        protected override string Title => "Rewrite as bounded exponential backoff";

        protected override string EquivalenceKey => Key;

        internal override async Task<Document?> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var edits = await PlanAsync(document, diagnostics, null, cancellationToken).ConfigureAwait(false);
            return edits == null ? null : await DocumentRewriter.ApplyCheckedAsync(document, edits, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Why no fix is offered for <paramref name="diagnostics"/> (for tests and debugging).</summary>
        internal static async Task<string> ExplainAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var reasons = new List<string>();
            var edits = await PlanAsync(document, diagnostics, reasons, cancellationToken).ConfigureAwait(false);
            if (edits != null && edits.Count > 0)
            {
                var problems = new List<string>();
                await DocumentRewriter.ApplyCheckedAsync(document, edits, cancellationToken, problems).ConfigureAwait(false);
                if (problems.Count > 0)
                {
                    reasons.Add("compiler: " + string.Join("; ", problems.Distinct()));
                }
            }

            return string.Join(" / ", reasons);
        }

        private static async Task<List<DocumentRewriter.Edit>?> PlanAsync(Document document, ImmutableArray<Diagnostic> diagnostics, List<string>? reasons, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return null;
            }

            var options = TorouterOptions.Read(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, root.SyntaxTree);
            var located = diagnostics.Select(d => (Diagnostic: d, Region: RetryLoopLocator.Find(root, d.Location))).ToList();
            if (located.Any(t => t.Region == null))
            {
                reasons?.Add("the retry loop the diagnostic points into was not found");
            }

            var targets = located.Where(t => t.Region != null).ToList();
            var regions = targets.Select(t => t.Region!).Distinct().ToList();

            // A loop inside another loop being rewritten is left for a second pass.
            regions = regions.Where(l => !regions.Any(o => o != l && o.Span.Contains(l.Span))).ToList();
            var edits = new List<DocumentRewriter.Edit>();
            foreach (var region in regions)
            {
                string? reason;
                if (region is StatementSyntax loop && FailoverCatchRewriter.IsFailover(model, loop, options, cancellationToken))
                {
                    var flagged = targets.Where(t => t.Region == region)
                        .Select(t => root.FindToken(t.Diagnostic.Location.SourceSpan.Start).Parent).OfType<CatchClauseSyntax>().Distinct().ToList();
                    var failover = FailoverCatchRewriter.Plan(model, loop, flagged, cancellationToken, out reason);
                    if (failover != null)
                    {
                        edits.Add(failover);
                    }
                }
                else
                {
                    var rewrite = Plan(model, region, options, cancellationToken, out reason);
                    if (rewrite != null)
                    {
                        var edit = new DocumentRewriter.Edit(rewrite.OldLoop, rewrite.NewLoopText, rewrite.GeneratedSpans, rewrite.RemoveOutside);
                        edit.Helpers[rewrite.ContainingType] = rewrite.Helpers;
                        foreach (var start in rewrite.BudgetStarts)
                        {
                            edit.ReplaceOutside[start] = options.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        }
                        edits.Add(edit);
                    }
                }

                if (reason != null)
                {
                    reasons?.Add(reason);
                }
            }

            return edits;
        }

        /// <summary>The rewrite of one loop, goto retry or recursive method, or null with the reason no fix is offered.</summary>
        internal static LoopRewrite? Plan(SemanticModel model, SyntaxNode loop, TorouterOptions options, CancellationToken cancellationToken, out string? reason)
        {
            var anatomy = RetryLoopAnatomy.Analyze(model, loop, cancellationToken, out reason);
            if (anatomy == null)
            {
                return null;
            }

            var family = ClientFamily.Detect(model, anatomy, out reason, cancellationToken);
            if (family == null)
            {
                return null;
            }

            return CanonicalLoopWriter.Write(model, anatomy, family.Value, options, cancellationToken, out reason);
        }
    }
}
