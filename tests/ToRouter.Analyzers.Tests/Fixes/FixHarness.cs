using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>
    /// Runs a code fix on diagnostics placed by markup (<c>{|TR0001:catch|}</c>) instead of by the analyzer, so the fixes can be
    /// tested on their own; <see cref="Verify.CodeFixAsync{TFix}"/> runs the same cases end to end through the analyzer.
    /// The fixed output is compiled and must have no errors and no more warnings than the input.
    /// </summary>
    internal static class FixHarness
    {
        public static async Task VerifyAsync<TFix>(string markup, string expected, string equivalenceKey, LanguageVersion languageVersion = LanguageVersion.Latest,
            string editorConfig = null, bool fixAll = false, TargetFramework framework = TargetFramework.Net80)
            where TFix : CodeFixProvider, new()
        {
            var (actual, reason) = await FixWithReasonAsync<TFix>(markup, equivalenceKey, languageVersion, editorConfig, fixAll, framework);
            Assert.True(actual != null, "no fix offered: " + reason);
            AssertEqualText(ParseMarkup(expected).Source, actual);
        }

        /// <summary>No fix is offered; with <paramref name="because"/>, the rewrite's reason for declining contains it.</summary>
        public static async Task NoFixAsync<TFix>(string markup, string equivalenceKey, LanguageVersion languageVersion = LanguageVersion.Latest, TargetFramework framework = TargetFramework.Net80,
            string because = null)
            where TFix : CodeFixProvider, new()
        {
            var (actual, reason) = await FixWithReasonAsync<TFix>(markup, equivalenceKey, languageVersion, null, false, framework);
            Assert.True(actual == null, "a fix was offered:\n" + actual);
            Assert.True(because == null || (reason ?? "").Contains(because), "declined for another reason: " + reason);
        }

        public static void AssertEqualText(string expected, string actual)
        {
            expected = expected.Replace("\r\n", "\n");
            actual = actual.Replace("\r\n", "\n");
            if (expected != actual)
            {
                var e = expected.Split('\n');
                var a = actual.Split('\n');
                var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i]);
                Assert.Fail($"fixed code differs at line {first + 1}:\nexpected: {Line(e, first)}\nactual:   {Line(a, first)}\n\nactual output:\n{actual}");
            }
        }

        private static string Line(string[] lines, int index) => index < lines.Length ? lines[index] : "<end>";

        /// <summary>The fixed source, or null when the fix is not offered.</summary>
        public static async Task<string> FixAsync<TFix>(string markup, string equivalenceKey, LanguageVersion languageVersion = LanguageVersion.Latest,
            string editorConfig = null, bool fixAll = false, TargetFramework framework = TargetFramework.Net80)
            where TFix : CodeFixProvider, new()
            => (await FixWithReasonAsync<TFix>(markup, equivalenceKey, languageVersion, editorConfig, fixAll, framework)).Text;

        /// <summary>The fixed source, or null and why the rewrite declined (the reason comes from the backoff rewrite only).</summary>
        public static async Task<(string Text, string Reason)> FixWithReasonAsync<TFix>(string markup, string equivalenceKey, LanguageVersion languageVersion,
            string editorConfig, bool fixAll, TargetFramework framework)
            where TFix : CodeFixProvider, new()
        {
            var sources = markup.Contains("//--- file2") ? markup.Split("//--- file2\n") : new[] { markup };
            var (document, diagnostics) = await CreateAsync(sources, languageVersion, editorConfig, framework);
            var fix = new TFix();
            Document fixedDocument = null;
            Solution fixedSolution = null;
            if (fixAll)
            {
                var all = diagnostics.SelectMany(d => d.Value).ToImmutableArray();
                var context = new FixAllContext(document, fix, FixAllScope.Solution, equivalenceKey, fix.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
                var action = await fix.GetFixAllProvider().GetFixAsync(context);
                if (action == null)
                {
                    return (null, await ExplainAsync(document, all));
                }

                fixedSolution = await ApplyAsync(action);
            }
            else
            {
                var actions = new List<CodeAction>();
                var diagnostic = diagnostics[document.Id].First();
                await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                var action = actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey);
                if (action == null)
                {
                    return (null, await ExplainAsync(document, ImmutableArray.Create(diagnostic)));
                }

                fixedSolution = await ApplyAsync(action);
            }

            fixedDocument = fixedSolution.GetDocument(document.Id);
            var before = await DiagnosticIdsAsync(document);
            var after = await DiagnosticIdsAsync(fixedDocument);
            var text = (await fixedDocument.GetTextAsync()).ToString();
            var compilation = await fixedDocument.Project.GetCompilationAsync();
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "fixed code does not compile:\n" + string.Join("\n", errors) + "\n\n" + text);
            var newWarnings = after.GroupBy(x => x).Where(g => g.Count() > before.Count(b => b == g.Key)).Select(g => g.Key).ToList();
            Assert.True(newWarnings.Count == 0, "fixed code has new warnings: " + string.Join(", ", newWarnings) + "\n\n" + text);
            return (sources.Length == 1 ? text : string.Join("//--- file2\n", fixedSolution.Projects.Single().Documents.OrderBy(d => d.Name).Select(d => d.GetTextAsync().Result.ToString())), null);
        }

        private static Task<string> ExplainAsync(Document document, ImmutableArray<Diagnostic> diagnostics)
            => ToRouter.Analyzers.CodeFixes.BackoffRewriteCodeFixProvider.ExplainAsync(document, diagnostics, CancellationToken.None);

        private static async Task<List<string>> DiagnosticIdsAsync(Document document)
        {
            var compilation = await document.Project.GetCompilationAsync();
            return compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).ToList();
        }

        private static async Task<Solution> ApplyAsync(CodeAction action)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly Dictionary<DocumentId, ImmutableArray<Diagnostic>> _diagnostics;

            public Provider(Dictionary<DocumentId, ImmutableArray<Diagnostic>> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(_diagnostics.Values.SelectMany(d => d));

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.TryGetValue(document.Id, out var d) ? d : ImmutableArray<Diagnostic>.Empty);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }

        private static async Task<(Document, Dictionary<DocumentId, ImmutableArray<Diagnostic>>)> CreateAsync(string[] sources, LanguageVersion languageVersion, string editorConfig, TargetFramework framework)
        {
            var references = await References.GetAsync(framework);
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Test", "Test", LanguageNames.CSharp, filePath: "/Test.csproj")
                    .WithParseOptions(new CSharpParseOptions(languageVersion))
                    .WithCompilationOptions(new CSharpCompilationOptions(
                        sources.Any(s => CSharpSyntaxTree.ParseText(s).GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax)) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                        nullableContextOptions: NullableContextOptions.Disable))
                    .WithMetadataReferences(references));
            if (editorConfig != null)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n\n[*]\n" + editorConfig), filePath: "/.editorconfig");
            }

            var all = new Dictionary<DocumentId, ImmutableArray<Diagnostic>>();
            var ids = new List<DocumentId>();
            for (var i = 0; i < sources.Length; i++)
            {
                var (source, spans) = ParseMarkup(sources[i]);
                var id = DocumentId.CreateNewId(projectId);
                ids.Add(id);
                solution = solution.AddDocument(id, "Test" + i + ".cs", SourceText.From(source), filePath: "/Test" + i + ".cs");
                var tree = await solution.GetDocument(id).GetSyntaxTreeAsync();
                all[id] = spans.Select(s => Diagnostic.Create(Descriptor(s.Id), Location.Create(tree, s.Span))).ToImmutableArray();
            }

            return (solution.GetDocument(ids[0]), all);
        }

        private static DiagnosticDescriptor Descriptor(string id)
            => new RetryLoopAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);

        /// <summary>Parses <c>{|ID:text|}</c> markup (nestable) into plain source and diagnostic spans.</summary>
        public static (string Source, List<(string Id, TextSpan Span)> Spans) ParseMarkup(string markup)
        {
            var output = new StringBuilder();
            var open = new Stack<(string Id, int Start)>();
            var spans = new List<(string Id, TextSpan Span)>();
            for (var i = 0; i < markup.Length; i++)
            {
                if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
                {
                    var colon = markup.IndexOf(':', i);
                    open.Push((markup.Substring(i + 2, colon - i - 2), output.Length));
                    i = colon;
                }
                else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
                {
                    var (id, start) = open.Pop();
                    spans.Add((id, TextSpan.FromBounds(start, output.Length)));
                    i++;
                }
                else
                {
                    output.Append(markup[i]);
                }
            }

            return (output.ToString(), spans.OrderBy(s => s.Span.Start).ToList());
        }
    }

    /// <summary>Reference assemblies per target framework, resolved once.</summary>
    internal static class References
    {
        private static readonly Dictionary<TargetFramework, Task<ImmutableArray<MetadataReference>>> Cache = new();

        public static Task<ImmutableArray<MetadataReference>> GetAsync(TargetFramework framework)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(framework, out var task))
                {
                    Cache[framework] = task = ResolveAsync(framework);
                }

                return task;
            }
        }

        private static async Task<ImmutableArray<MetadataReference>> ResolveAsync(TargetFramework framework)
        {
            var assemblies = FrameworkReferences.For(framework);
            var resolved = await assemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return resolved.AddRange(FrameworkReferences.SdkFor(framework));
        }
    }
}
