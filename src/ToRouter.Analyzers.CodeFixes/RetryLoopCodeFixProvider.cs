using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ToRouter.Analyzers.CodeFixes
{
    /// <summary>
    /// What every ToRouter fix shares: the fix is a function from a document and the diagnostics in it to a
    /// new document (or null when it cannot be fixed honestly). A single fix calls it with one diagnostic,
    /// Fix All with every diagnostic of a document, so loops that share generated helpers get them once.
    /// </summary>
    public abstract class RetryLoopCodeFixProvider : CodeFixProvider
    {
        protected abstract string Title { get; }

        protected abstract string EquivalenceKey { get; }

        /// <summary>The fixed document, or null when no diagnostic can be fixed without losing code or changing behaviour.</summary>
        internal abstract Task<Document?> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);

        public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            (context, document, diagnostics) => FixAsync(document, diagnostics, context.CancellationToken),
            ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution));

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                // Computed up front: a fix that would not compile or would drop code is not offered at all.
                var fixedDocument = await FixAsync(context.Document, ImmutableArray.Create(diagnostic), context.CancellationToken).ConfigureAwait(false);
                if (fixedDocument != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, _ => Task.FromResult(fixedDocument), EquivalenceKey),
                        diagnostic);
                }
            }
        }
    }
}
