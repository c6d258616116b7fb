using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using ToRouter.Analyzers.CodeFixes.BackoffRewrite;

namespace ToRouter.Analyzers.CodeFixes
{
    /// <summary>
    /// Applies loop rewrites to a document: replaces the loops, removes what they no longer need, adds each type's
    /// missing helpers once, adds usings for the generated names, and refuses the result when it would not compile as
    /// cleanly as the original.
    /// </summary>
    internal static class DocumentRewriter
    {
        /// <summary>Marks generated names whose namespaces need a using.</summary>
        public static readonly SyntaxAnnotation ImportAnnotation = new SyntaxAnnotation("ToRouter.AddImports");

        public sealed class Edit
        {
            public Edit(SyntaxNode oldNode, string newText, IReadOnlyList<TextSpan> generatedSpans, IReadOnlyList<SyntaxNode> remove)
            {
                OldNode = oldNode;
                NewText = newText;
                GeneratedSpans = generatedSpans;
                Remove = remove;
            }

            public SyntaxNode OldNode { get; }

            public string NewText { get; }

            public IReadOnlyList<TextSpan> GeneratedSpans { get; }

            public IReadOnlyList<SyntaxNode> Remove { get; }

            /// <summary>Helpers by the type that gets them; a compilation unit stands for a top-level program's <c>partial class Program</c>.</summary>
            public Dictionary<SyntaxNode, HashSet<RetryHelper>> Helpers { get; } = new Dictionary<SyntaxNode, HashSet<RetryHelper>>();

            /// <summary>Expressions outside the replaced node that get a new value (a kept retry budget's start, set to max_attempts).</summary>
            public Dictionary<ExpressionSyntax, string> ReplaceOutside { get; } = new Dictionary<ExpressionSyntax, string>();
        }

        /// <summary>
        /// Applies every edit that is fine on its own, then checks the whole; null when nothing can be applied.
        /// <paramref name="problems"/> collects the compiler diagnostics that made a check fail (for tests).
        /// </summary>
        public static async Task<Document?> ApplyCheckedAsync(Document document, IReadOnlyList<Edit> edits, CancellationToken cancellationToken, ICollection<string>? problems = null)
        {
            if (edits.Count == 0)
            {
                return null;
            }

            var baseline = await CountDiagnosticsAsync(document, cancellationToken).ConfigureAwait(false);
            var all = await ApplyAsync(document, edits, cancellationToken).ConfigureAwait(false);
            if (all != null && await IsAsCleanAsync(all, baseline, cancellationToken, problems).ConfigureAwait(false))
            {
                return all;
            }

            if (edits.Count == 1)
            {
                return null;
            }

            var good = new List<Edit>();
            foreach (var edit in edits)
            {
                var single = await ApplyAsync(document, new[] { edit }, cancellationToken).ConfigureAwait(false);
                if (single != null && await IsAsCleanAsync(single, baseline, cancellationToken, problems).ConfigureAwait(false))
                {
                    good.Add(edit);
                }
            }

            if (good.Count == 0 || good.Count == edits.Count)
            {
                return null;
            }

            var some = await ApplyAsync(document, good, cancellationToken).ConfigureAwait(false);
            return some != null && await IsAsCleanAsync(some, baseline, cancellationToken, problems).ConfigureAwait(false) ? some : null;
        }

        /// <summary>
        /// Kept statements that followed removed ones (bookkeeping declared before the loop) where the removed run was set off by a
        /// blank line and the kept statement is not: the blank line stays, now in front of the kept statement. The loop itself
        /// takes the blank line when it writes its own leading trivia.
        /// </summary>
        private static IEnumerable<StatementSyntax> StatementsLosingTheirBlankLine(Edit edit)
        {
            var removed = new HashSet<SyntaxNode>(edit.Remove);
            foreach (var block in edit.Remove.Select(n => n.Parent).OfType<BlockSyntax>().Distinct())
            {
                var statements = block.Statements;
                for (var i = 1; i < statements.Count; i++)
                {
                    if (removed.Contains(statements[i]) && !removed.Contains(statements[i - 1]) && StartsWithBlankLine(statements[i]))
                    {
                        var next = statements.Skip(i + 1).FirstOrDefault(st => !removed.Contains(st));
                        if (next != null && next != edit.OldNode && !StartsWithBlankLine(next))
                        {
                            yield return next;
                        }
                    }
                }
            }
        }

        private static bool StartsWithBlankLine(SyntaxNode statement)
            => statement.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia);

        private static async Task<Document?> ApplyAsync(Document document, IReadOnlyList<Edit> edits, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return null;
            }

            var parseOptions = (CSharpParseOptions)root.SyntaxTree.Options;
            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            foreach (var edit in edits)
            {
                var replacement = Parse(edit, parseOptions);
                if (replacement == null)
                {
                    return null;
                }

                editor.ReplaceNode(edit.OldNode, replacement);
                foreach (var node in edit.Remove)
                {
                    editor.RemoveNode(node.Parent is GlobalStatementSyntax global ? global : node, SyntaxRemoveOptions.KeepNoTrivia);
                }

                foreach (var next in StatementsLosingTheirBlankLine(edit))
                {
                    editor.ReplaceNode(next, next.WithLeadingTrivia(next.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine(SyntaxFormatting.EndOfLine(root)))));
                }

                foreach (var pair in edit.ReplaceOutside)
                {
                    editor.ReplaceNode(pair.Key, SyntaxFactory.ParseExpression(pair.Value, options: parseOptions).WithTriviaFrom(pair.Key));
                }
            }

            // Helpers: once per type, skipping what the type (in any part) already declares. A top-level program's go into its
            // 'partial class Program', declared after everything else when the file has none yet.
            var program = root.ChildNodes().OfType<ClassDeclarationSyntax>()
                .FirstOrDefault(c => c.Identifier.ValueText == "Program" && c.Modifiers.Any(SyntaxKind.PartialKeyword));
            var byType = new Dictionary<SyntaxNode, HashSet<RetryHelper>>();
            foreach (var edit in edits)
            {
                foreach (var pair in edit.Helpers)
                {
                    var key = pair.Key is CompilationUnitSyntax && program != null ? program : pair.Key;
                    if (!byType.TryGetValue(key, out var set))
                    {
                        byType[key] = set = new HashSet<RetryHelper>();
                    }

                    set.UnionWith(pair.Value);
                }
            }

            var eol = SyntaxFormatting.EndOfLine(root);
            var firstStatement = root.ChildNodes().OfType<GlobalStatementSyntax>().FirstOrDefault();
            foreach (var pair in byType)
            {
                var declaration = pair.Key as TypeDeclarationSyntax;
                var declared = declaration != null ? model.GetDeclaredSymbol(declaration, cancellationToken)
                    : firstStatement != null ? model.GetEnclosingSymbol(firstStatement.SpanStart, cancellationToken)?.ContainingType : null;
                if (!(declared is INamedTypeSymbol type))
                {
                    return null;
                }

                var typeIndent = declaration != null ? SyntaxFormatting.IndentOf(declaration) : "";
                var unit = declaration != null ? SyntaxFormatting.IndentUnit(declaration, typeIndent) : SyntaxFormatting.IndentUnit(firstStatement!, "");
                var nullable = model.GetNullableContext(declaration?.OpenBraceToken.SpanStart ?? root.FullSpan.End).AnnotationsEnabled();
                var options = TorouterOptions.Read(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, root.SyntaxTree);
                var writer = new RetryHelperWriter(options, model.Compilation, nullable, typeIndent + unit, unit, eol);
                var members = new List<(RetryHelper, MemberDeclarationSyntax)>();
                foreach (RetryHelper helper in Enum.GetValues(typeof(RetryHelper)))
                {
                    if (!pair.Value.Contains(helper) || RetryHelperWriter.Exists(type, helper))
                    {
                        continue;
                    }

                    var member = SyntaxFactory.ParseMemberDeclaration(writer.Write(helper), options: parseOptions);
                    if (member == null || member.ContainsDiagnostics)
                    {
                        return null;
                    }

                    members.Add((helper, member.WithAdditionalAnnotations(ImportAnnotation, Simplifier.Annotation)));
                }

                if (members.Count > 0 && declaration != null)
                {
                    editor.ReplaceNode(declaration, (current, _) => AppendMembers((TypeDeclarationSyntax)current, members, eol));
                }
                else if (members.Count > 0)
                {
                    editor.ReplaceNode(root, (current, _) => AddProgramClass((CompilationUnitSyntax)current, members, eol));
                }
            }

            var changed = document.WithSyntaxRoot(editor.GetChangedRoot());
            changed = await ImportAdder.AddImportsAsync(changed, ImportAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return changed;
        }

        /// <summary>
        /// A top-level program's helpers in a new <c>partial class Program</c> after everything else: a blank line before it, the first
        /// helper opening it, and the file ending as it did, with or without a line break.
        /// </summary>
        private static CompilationUnitSyntax AddProgramClass(CompilationUnitSyntax unit, List<(RetryHelper Helper, MemberDeclarationSyntax Member)> members, string eol)
        {
            var leading = members[0].Member.GetLeadingTrivia().ToList();
            while (leading.Count > 0 && (leading[0].IsKind(SyntaxKind.EndOfLineTrivia)
                || (leading[0].IsKind(SyntaxKind.WhitespaceTrivia) && leading.Count > 1 && leading[1].IsKind(SyntaxKind.EndOfLineTrivia))))
            {
                leading.RemoveAt(0);
            }

            var opened = new List<(RetryHelper Helper, MemberDeclarationSyntax Member)>(members);
            opened[0] = (members[0].Helper, members[0].Member.WithLeadingTrivia(leading));
            var program = AppendMembers(SyntaxFactory.ClassDeclaration("Program").AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword)).NormalizeWhitespace(eol: eol), opened, eol);
            var endsWithLine = unit.Members.LastOrDefault()?.GetTrailingTrivia().LastOrDefault().IsKind(SyntaxKind.EndOfLineTrivia) == true;
            var line = SyntaxFactory.EndOfLine(eol);
            return unit.AddMembers(program
                .WithLeadingTrivia(endsWithLine ? new[] { line } : new[] { line, line })
                .WithTrailingTrivia(endsWithLine ? new[] { line } : new SyntaxTrivia[0]));
        }

        /// <summary>
        /// Adds the helpers in their canonical order (the order of <see cref="RetryHelper"/>), each before the first helper
        /// already in the type that comes after it, so fixing loops one by one gives the same file as Fix All.
        /// </summary>
        private static TypeDeclarationSyntax AppendMembers(TypeDeclarationSyntax type, List<(RetryHelper Helper, MemberDeclarationSyntax Member)> added, string eol)
        {
            var members = new List<MemberDeclarationSyntax>();
            var pending = new Queue<(RetryHelper Helper, MemberDeclarationSyntax Member)>(added.OrderBy(a => a.Helper));
            foreach (var existing in type.Members)
            {
                if (RetryHelperWriter.Identify(existing) is RetryHelper helper)
                {
                    while (pending.Count > 0 && pending.Peek().Helper < helper)
                    {
                        members.Add(pending.Dequeue().Member);
                    }
                }

                members.Add(existing);
            }

            members.AddRange(pending.Select(p => p.Member));
            var updated = type.WithMembers(SyntaxFactory.List(members));
            if (type.Members.Count == 0 && !type.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                updated = updated.WithOpenBraceToken(updated.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.EndOfLine(eol)));
            }

            return updated;
        }

        /// <summary>Parses the new statement and marks the generated qualified names for using-adding and simplification.</summary>
        private static StatementSyntax? Parse(Edit edit, CSharpParseOptions options)
        {
            var statement = SyntaxFactory.ParseStatement(edit.NewText, options: options);
            if (statement.FullSpan.Length != edit.NewText.Length || statement.ContainsDiagnostics)
            {
                return null;
            }

            var names = statement.DescendantNodes()
                .Where(n => (n is QualifiedNameSyntax || n is MemberAccessExpressionSyntax) && !(n.Parent is QualifiedNameSyntax) && !(n.Parent is MemberAccessExpressionSyntax && ((MemberAccessExpressionSyntax)n.Parent).Expression == n && IsQualifiedTypeName(n.Parent)))
                .Where(n => IsQualifiedTypeName(n) && edit.GeneratedSpans.Any(s => s.Contains(n.Span)))
                .ToList();
            return statement.ReplaceNodes(names, (_, current) => current.WithAdditionalAnnotations(ImportAnnotation, Simplifier.Annotation));
        }

        private static bool IsQualifiedTypeName(SyntaxNode node)
        {
            var text = node.ToString();
            return text.StartsWith("System.", StringComparison.Ordinal) || text.StartsWith("Azure.", StringComparison.Ordinal)
                || text.StartsWith("Anthropic.", StringComparison.Ordinal) || text.StartsWith("Microsoft.", StringComparison.Ordinal);
        }

        private static async Task<Dictionary<string, int>> CountDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var counts = new Dictionary<string, int>();
            if (model == null)
            {
                return counts;
            }

            foreach (var diagnostic in model.GetDiagnostics(cancellationToken: cancellationToken))
            {
                if (diagnostic.Severity >= DiagnosticSeverity.Warning)
                {
                    counts.TryGetValue(diagnostic.Id, out var count);
                    counts[diagnostic.Id] = count + 1;
                }
            }

            return counts;
        }

        /// <summary>No compiler error or warning id occurs more often than before.</summary>
        private static async Task<bool> IsAsCleanAsync(Document document, Dictionary<string, int> baseline, CancellationToken cancellationToken, ICollection<string>? problems)
        {
            var after = await CountDiagnosticsAsync(document, cancellationToken).ConfigureAwait(false);
            var worse = after.Where(p => !baseline.TryGetValue(p.Key, out var before) || p.Value > before).Select(p => p.Key).ToList();
            foreach (var id in worse)
            {
                problems?.Add(id);
            }

            return worse.Count == 0;
        }
    }
}
