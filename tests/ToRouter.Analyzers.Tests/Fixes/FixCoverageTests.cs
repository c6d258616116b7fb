using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ToRouter.Analyzers.CodeFixes;
using ToRouter.Analyzers.CodeFixes.SmallFixes;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>
    /// The fix contract over whole corpora rather than hand-picked cases: every loop the analyzer flags, in every source of
    /// the rule tests and in <c>Fixes/Corpus</c> (real-world shaped loops written apart from the implementation), is offered
    /// the rewrite; Fix All of the rewrite compiles with no new compiler warnings and leaves the analyzer silent; and every
    /// other fix offered on the way compiles with no new compiler warnings.
    /// </summary>
    public class FixCoverageTests
    {
        private static readonly CodeFixProvider[] Providers =
        {
            new BackoffRewriteCodeFixProvider(), new AddJitterCodeFixProvider(), new UseTaskDelayCodeFixProvider(),
            new PropagateLastFailureCodeFixProvider(), new AddAttemptBoundCodeFixProvider(),
        };

        /// <summary>
        /// Shapes the fix still declines (or the analyzer still misses), each with what stops it. For these the test checks that
        /// the only problem is the missing fix or diagnostic, never a broken one; one that starts passing fails the test so it
        /// leaves this list.
        /// </summary>
        private static readonly Dictionary<string, string> KnownGaps = new Dictionary<string, string>
        {
            ["Corpus/56_status_switch_expression_decision.cs"] = "a bad retry loop is not flagged",
            ["Corpus/77_whenany_timeout_per_attempt_null.cs"] = "a bad retry loop is not flagged",
            ["Corpus/157_cs73_http_do_while_done_flag_trace_null.cs"] = "the success branch does not leave the loop",
            ["Corpus/180_http_result_struct_ok_false_shift_jitter.cs"] = "status-check retries are rewritten only around an HttpClient request",
            ["Corpus/128_net48_httpwebrequest_anthropic_rest_empty_result.cs"] = "kept code reads the failed response",
            ["Corpus/132_polly_v8_retry_forever_default_predicate.cs"] = "a bad retry loop is not flagged", // Polly pipelines: a later issue (SPEC)
            ["Corpus/138_http_async_goto_switch_statuscode.cs"] = "no rewrite offered", // a goto retry around using blocks with no try
            ["Corpus/192_scm_pipeline_policy_status_retry_doubling.cs"] = "status-check retries are rewritten only around an HttpClient request",
            ["Corpus/193_sk_invocation_filter_do_while_swallow.cs"] = "a retry counter is also used outside the loop",
            ["Corpus/195_use_retry_unbounded_unused_backoff.cs"] = "the success path does not leave the loop",
            ["Corpus/198_http_429_path_unbounded_5xx_bounded.cs"] = "the attempt continues the loop or jumps out of it",
            ["Corpus/207_cs73_sync_result_429_sleep_minute_return_null.cs"] = "kept code jumps or waits", // its ending returns null, which the last attempt would reach
            ["Corpus/212_openai_protocol_nothrow_iserror_linear.cs"] = "a bad retry loop is not flagged", // a protocol method with ClientErrorBehaviors.NoThrow
            ["Corpus/215_offline_queue_socket_errors_unbounded_jitter.cs"] = "the attempt turns statuses into exceptions by itself",
            ["Corpus/249_net48_webclient_uploadstring_static_helper_webexception_constant_sleep_null.cs"] = "status-check retries are rewritten only around an HttpClient request",
            ["Corpus/251_dedicated_thread_queue_task_wait_timeout_continue_unbounded.cs"] = "a bad retry loop is not flagged",
            ["Corpus/255_net48_httpwebrequest_claude_rest_recursive_429_5xx_shift_no_jitter.cs"] = "kept code reads the failed response",
            ["Corpus/281_net48_httpwebrequest_chat_completions_webexception_429_5xx_pow2_sleep.cs"] = "kept code reads the failed response",
            ["Corpus/329_junior_http_grammar_fixer_recursive_not_success_unbounded_constant_delay.cs"] = "no rewrite offered", // a recursive status-check retry, with no try
            ["Corpus/332_senior_embedding_retry_helper_classified_but_second_catch_exception_not_oce.cs"] = "a catch of the user's covers more than one kind of failure",
            ["Corpus/334_mid_legacy_task_run_wrapper_anthropic_countdown_ratelimit_5xx_jittered_no_sticky.cs"] = "kept code uses the retry machinery",
            ["Corpus/338_net48_senior_httpwebrequest_translator_classified_jittered_but_returns_null_when_exhausted.cs"] = "kept code reads the failed response",
            ["Corpus/293_http_chat_completions_recursive_retries_left_429_5xx_constant_empty.cs"] = "no rewrite offered", // a recursive status-check retry, with no try
            ["Rules/RealWorldShapeTests.UsersOwnResultTypeWithOk_IsAStatusCheck_FiresTR0003"] = "status-check retries are rewritten only around an HttpClient request",
            ["Rules/FailoverTests.ForeachOverEndpoints_IsSuccessStatusCode_FiresTR0003Only"] = "not those of one try statement",
            ["Rules/TR0004Tests.ForEverWithStatusRetry_HttpClient_FiresTR0004"] = "the attempt continues the loop",
            ["Rules/TR0008Tests.AsyncTaskMethodLogsAndEnds_HttpClient_FiresTR0008"] = "the success path does not leave the loop",
        };

        public static IEnumerable<object[]> Sources() => CorpusSource.All.Value.Keys.Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(Sources))]
        public async Task EveryFlaggedLoop_IsOfferedTheRewrite_AndFixAllLeavesCompilingSilentCode(string name)
        {
            var source = CorpusSource.All.Value[name];
            var document = await CreateDocumentAsync(source);
            var before = await CompilerDiagnosticsAsync(document);
            Assert.True(!before.Any(d => d.Severity == DiagnosticSeverity.Error), "the source does not compile:\n" + string.Join("\n", before.Where(d => d.Severity == DiagnosticSeverity.Error)));
            var diagnostics = await AnalyzerDiagnosticsAsync(document);
            Assert.True(source.Expect != "quiet" || diagnostics.Length == 0, "a look-alike is flagged: " + string.Join(", ", diagnostics));
            var problems = new List<string>();
            if (source.Expect == "flagged" && diagnostics.Length == 0)
            {
                problems.Add("a bad retry loop is not flagged");
            }

            foreach (var diagnostic in diagnostics)
            {
                var offered = await OfferedActionsAsync(document, diagnostic);
                var where = $"{diagnostic.Id} at line {diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}";
                if (!offered.Any(a => a.EquivalenceKey == BackoffRewriteCodeFixProvider.Key))
                {
                    var why = await BackoffRewriteCodeFixProvider.ExplainAsync(document, ImmutableArray.Create(diagnostic), CancellationToken.None);
                    problems.Add($"{where}: no rewrite offered ({why})");
                }

                foreach (var action in offered)
                {
                    var fixedDocument = await ApplyAsync(action, document.Id);
                    var broken = await NewCompilerProblemsAsync(before, fixedDocument);
                    if (broken != null)
                    {
                        problems.Add($"{where}: {action.EquivalenceKey} {broken}\n{await TextAsync(fixedDocument)}");
                    }
                }
            }

            if (diagnostics.Length > 0 && problems.Count == 0)
            {
                var fixedAll = await FixAllAsync(document);
                if (Environment.GetEnvironmentVariable("TOROUTER_FIX_DUMP") is string dump)
                {
                    // For reading the rewrites of a whole corpus: TOROUTER_FIX_DUMP=/tmp/fixed dotnet test --filter FixCoverage
                    Directory.CreateDirectory(dump);
                    File.WriteAllText(Path.Combine(dump, name.Replace('/', '_').Replace(".cs", "") + ".cs"), await TextAsync(fixedAll));
                }

                var broken = await NewCompilerProblemsAsync(before, fixedAll);
                var left = await AnalyzerDiagnosticsAsync(fixedAll);
                if (broken != null || left.Length > 0)
                {
                    problems.Add($"Fix All: {broken} {string.Join(", ", left.Select(d => $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}"))}\n{await TextAsync(fixedAll)}");
                }
            }

            if (KnownGaps.TryGetValue(name, out var gap))
            {
                Assert.True(problems.Count > 0, name + " is fixed now: take it off KnownGaps");
                Assert.True(problems.All(p => p.Contains(gap)), "the known gap changed:\n" + string.Join("\n\n", problems));
                return;
            }

            Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        }

        /// <summary>Fix All of the rewrite in document scope; loops nested in rewritten loops are fixed by a following pass, as an IDE user would.</summary>
        private static async Task<Document> FixAllAsync(Document document)
        {
            var provider = new BackoffRewriteCodeFixProvider();
            for (var pass = 0; pass < 3; pass++)
            {
                var diagnostics = await AnalyzerDiagnosticsAsync(document);
                if (diagnostics.Length == 0)
                {
                    break;
                }

                var context = new FixAllContext(document, provider, FixAllScope.Document, BackoffRewriteCodeFixProvider.Key, provider.FixableDiagnosticIds,
                    new Diagnostics(diagnostics), CancellationToken.None);
                var action = await provider.GetFixAllProvider().GetFixAsync(context);
                if (action == null)
                {
                    break;
                }

                document = await ApplyAsync(action, document.Id);
            }

            return document;
        }

        private static async Task<List<CodeAction>> OfferedActionsAsync(Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            foreach (var provider in Providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            }

            return actions;
        }

        private static async Task<string> NewCompilerProblemsAsync(ImmutableArray<Diagnostic> before, Document fixedDocument)
        {
            var after = await CompilerDiagnosticsAsync(fixedDocument);
            var errors = after.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                return "does not compile: " + string.Join("; ", errors);
            }

            var newWarnings = after.GroupBy(d => d.Id).Where(g => g.Count() > before.Count(b => b.Id == g.Key)).Select(g => g.First()).ToList();
            return newWarnings.Count > 0 ? "has new warnings: " + string.Join("; ", newWarnings) : null;
        }

        private static async Task<ImmutableArray<Diagnostic>> CompilerDiagnosticsAsync(Document document)
        {
            var compilation = await document.Project.GetCompilationAsync();
            // CS1705: the net8.0 reference pack's System.Text.Json is older than the one Anthropic 13 was built against; it does not affect analysis.
            return compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1705").ToImmutableArray();
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzerDiagnosticsAsync(Document document)
        {
            var compilation = await document.Project.GetCompilationAsync();
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RetryLoopAnalyzer()), document.Project.AnalyzerOptions);
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            return diagnostics.Where(d => d.Id.StartsWith("TR", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        private static async Task<Document> ApplyAsync(CodeAction action, DocumentId id)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(id);
        }

        private static async Task<string> TextAsync(Document document) => (await document.GetTextAsync()).ToString();

        private static async Task<Document> CreateDocumentAsync(CorpusSource source)
        {
            var projectId = ProjectId.CreateNewId();
            var documentId = DocumentId.CreateNewId(projectId);
            var solution = new AdhocWorkspace().CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Corpus", "Corpus", LanguageNames.CSharp, filePath: "/Corpus.csproj")
                    .WithParseOptions(new CSharpParseOptions(source.LanguageVersion))
                    .WithCompilationOptions(new CSharpCompilationOptions(source.HasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                        nullableContextOptions: NullableContextOptions.Disable))
                    .WithMetadataReferences(await References.GetAsync(source.Framework)))
                .AddDocument(documentId, "Corpus.cs", SourceText.From(source.Text), filePath: "/Corpus.cs");
            return solution.GetDocument(documentId);
        }

        private sealed class Diagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public Diagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }

    /// <summary>
    /// One compilable source of a corpus: each file of <c>Fixes/Corpus</c> (its first line may say <c>// lang: 7.3</c> or
    /// <c>// lang: 7.3 net48</c>, its second <c>// expect: flagged</c> or <c>// expect: quiet</c>), and each complete program
    /// the rule tests analyse (their markup removed).
    /// </summary>
    internal sealed class CorpusSource
    {
        public static readonly Lazy<IReadOnlyDictionary<string, CorpusSource>> All = new Lazy<IReadOnlyDictionary<string, CorpusSource>>(Load);

        private CorpusSource(string text, LanguageVersion languageVersion, TargetFramework framework, string expect = null)
        {
            Text = text;
            Expect = expect;
            LanguageVersion = languageVersion;
            Framework = framework;
        }

        public string Text { get; }

        public LanguageVersion LanguageVersion { get; }

        public TargetFramework Framework { get; }

        /// <summary>A program's Program.cs with top-level statements: compiled as a console application.</summary>
        public bool HasTopLevelStatements => CSharpSyntaxTree.ParseText(Text).GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax);

        /// <summary>What a corpus file's second line says the analyzer must do with it: "flagged" or "quiet".</summary>
        public string Expect { get; }

        public override string ToString() => Text;

        private static IReadOnlyDictionary<string, CorpusSource> Load()
        {
            var tests = Path.Combine(Repository.Root, "tests", "ToRouter.Analyzers.Tests");
            var all = new SortedDictionary<string, CorpusSource>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(Path.Combine(tests, "Fixes", "Corpus"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                var lines = text.Split('\n');
                var expect = lines[1].Contains("expect: quiet") ? "quiet" : lines[1].Contains("expect: flagged") ? "flagged" : null;
                all["Corpus/" + Path.GetFileName(file)] = new CorpusSource(text, lines[0].Contains("7.3") ? LanguageVersion.CSharp7_3 : LanguageVersion.Latest,
                    lines[0].Contains("net48") ? TargetFramework.Net48 : TargetFramework.Net80, expect);
            }

            foreach (var file in Directory.GetFiles(Path.Combine(tests, "Rules"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                if (file.EndsWith("IncompleteCodeTests.cs", StringComparison.Ordinal))
                {
                    continue;
                }

                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    var programs = method.DescendantNodes().OfType<LiteralExpressionSyntax>()
                        .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.ValueText.Contains("class ")).ToList();
                    for (var i = 0; i < programs.Count; i++)
                    {
                        var name = "Rules/" + Path.GetFileNameWithoutExtension(file) + "." + method.Identifier.ValueText + (programs.Count > 1 ? "#" + (i + 1) : "");
                        all[name] = new CorpusSource(FixHarness.ParseMarkup(programs[i].Token.ValueText).Source, LanguageVersion.Latest, TargetFramework.Net80);
                    }
                }
            }

            return all;
        }
    }
}
