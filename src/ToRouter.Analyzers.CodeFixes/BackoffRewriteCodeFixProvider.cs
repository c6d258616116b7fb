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
    /// "Rewrite as bounded exponential backoff", offered for every TR rule: turns the whole retry loop into the canonical
    /// shape of SPEC section 4 (at most max_attempts attempts, the last failure propagating through an exception filter,
    /// sticky quota codes and 400-404 terminal, full-jitter capped exponential delays that honour Retry-After).
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
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return null;
            }

            var options = TorouterOptions.Read(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, root.SyntaxTree);
            var loops = diagnostics.Select(d => RetryLoopLocator.Find(root, d.Location)).OfType<StatementSyntax>().Distinct().ToList();

            // A loop inside another loop being rewritten is left for a second pass.
            loops = loops.Where(l => !loops.Any(o => o != l && o.Span.Contains(l.Span))).ToList();
            var edits = new List<DocumentRewriter.Edit>();
            foreach (var loop in loops)
            {
                var rewrite = Plan(model, loop, options, cancellationToken, out _);
                if (rewrite != null)
                {
                    var edit = new DocumentRewriter.Edit(rewrite.OldLoop, rewrite.NewLoopText, rewrite.GeneratedSpans, rewrite.RemoveOutside);
                    edit.Helpers[rewrite.ContainingType] = rewrite.Helpers;
                    edits.Add(edit);
                }
            }

            return await DocumentRewriter.ApplyCheckedAsync(document, edits, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The rewrite of one loop, or null with the reason no fix is offered.</summary>
        internal static LoopRewrite? Plan(SemanticModel model, StatementSyntax loop, TorouterOptions options, CancellationToken cancellationToken, out string? reason)
        {
            var anatomy = RetryLoopAnatomy.Analyze(model, loop, cancellationToken);
            if (anatomy == null)
            {
                reason = RetryLoopAnatomy.LastFailure;
                return null;
            }

            var family = ClientFamily.Detect(model, anatomy, out reason, cancellationToken);
            if (family == null)
            {
                return null;
            }

            var rewrite = CanonicalLoopWriter.Write(model, anatomy, family.Value, options, cancellationToken);
            reason = CanonicalLoopWriter.LastFailure;
            return rewrite;
        }
    }
}
