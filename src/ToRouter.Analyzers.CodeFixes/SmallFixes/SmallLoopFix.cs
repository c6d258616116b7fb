using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToRouter.Analyzers.CodeFixes.BackoffRewrite;

namespace ToRouter.Analyzers.CodeFixes.SmallFixes
{
    /// <summary>A fix that changes a few statements of each loop; the loops of a document are fixed together and share helpers.</summary>
    public abstract class SmallLoopFix : RetryLoopCodeFixProvider
    {
        internal sealed override async Task<Document?> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return null;
            }

            var loops = diagnostics.Select(d => RetryLoopLocator.Find(root, d.Location)).OfType<StatementSyntax>().Distinct().ToList();
            loops = loops.Where(l => !loops.Any(o => o != l && o.Span.Contains(l.Span))).ToList();
            var options = TorouterOptions.Read(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, root.SyntaxTree);
            var edits = new List<DocumentRewriter.Edit>();
            foreach (var loop in loops)
            {
                edits.AddRange(Plan(model, loop, options, cancellationToken));
            }

            return await DocumentRewriter.ApplyCheckedAsync(document, edits, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The edits for one loop; empty when this fix cannot be applied honestly.</summary>
        internal abstract IEnumerable<DocumentRewriter.Edit> Plan(SemanticModel model, StatementSyntax loop, TorouterOptions options, CancellationToken cancellationToken);
    }
}
