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
            (context, document, diagnostics) => SafeFixAsync(document, diagnostics, context.CancellationToken),
            ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution));

        /// <summary>
        /// <see cref="FixAsync"/>, except that a shipped build offers no fix rather than an error bar in the IDE when it meets code
        /// it does not understand (debug builds, which the tests use, let the exception through).
        /// </summary>
        private async Task<Document?> SafeFixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            try
            {
                return await FixAsync(document, diagnostics, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Exception e) when (!(e is System.OperationCanceledException) && !IsDebugBuild)
            {
                return null;
            }
        }

#if DEBUG
        private const bool IsDebugBuild = true;
#else
        private const bool IsDebugBuild = false;
#endif

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                // Computed up front: a fix that would not compile or would drop code is not offered at all.
                var fixedDocument = await SafeFixAsync(context.Document, ImmutableArray.Create(diagnostic), context.CancellationToken).ConfigureAwait(false);
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
