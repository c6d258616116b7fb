using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ToRouter.Analyzers.EndToEnd.Infrastructure
{
    /// <summary>The package options the fix reads from .editorconfig (SPEC §5).</summary>
    public sealed class FixOptions
    {
        /// <summary>Tiny delays so fixed code runs fast: 20 ms base, 200 ms cap, 4 attempts.</summary>
        public static readonly FixOptions Default = new() { BaseDelayMs = 20, MaxDelayMs = 200, MaxAttempts = 4 };

        public int BaseDelayMs { get; init; }
        public int MaxDelayMs { get; init; }
        public int MaxAttempts { get; init; }

        public string EditorConfig =>
            "root = true\n\n[*.cs]\n"
            + "torouter.base_delay_ms = " + BaseDelayMs.ToString(CultureInfo.InvariantCulture) + "\n"
            + "torouter.max_delay_ms = " + MaxDelayMs.ToString(CultureInfo.InvariantCulture) + "\n"
            + "torouter.max_attempts = " + MaxAttempts.ToString(CultureInfo.InvariantCulture) + "\n";

        public override string ToString() => $"base {BaseDelayMs} ms, cap {MaxDelayMs} ms, {MaxAttempts} attempts";
    }

    /// <summary>The package's own fix applied to a source.</summary>
    public sealed class FixResult
    {
        public string OriginalSource { get; init; }
        /// <summary>All C# documents of the fixed project, the scenario's own first.</summary>
        public IReadOnlyList<string> FixedSources { get; init; }
        public string FixedSource => FixedSources[0];
        /// <summary>The TR diagnostics the analyzer reported on the original.</summary>
        public ImmutableArray<Diagnostic> OriginalDiagnostics { get; init; }
        /// <summary>TR diagnostics left on the fixed code (SPEC §4.7: there must be none).</summary>
        public ImmutableArray<Diagnostic> RemainingDiagnostics { get; init; }
        /// <summary>One line per applied action: diagnostic id, title, equivalence key.</summary>
        public IReadOnlyList<string> Applied { get; init; }
        /// <summary>For every original diagnostic: the titles/keys of every action the providers offered for it.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<(string Title, string Key)>> OfferedByDiagnostic { get; init; }
    }

    /// <summary>Why the fixed side cannot be produced (the analyzer or the fix is missing or broken).</summary>
    public sealed class FixUnavailableException : Exception
    {
        public FixUnavailableException(string message, string shortReason = null) : base(message)
        {
            ShortReason = shortReason ?? message.Split('\n')[0];
        }

        /// <summary>A few words for the report.</summary>
        public string ShortReason { get; }
    }

    /// <summary>
    /// Applies the package's real code fix in-process: the source goes into an <see cref="AdhocWorkspace"/>
    /// project with the scenario references and an <c>.editorconfig</c> carrying <see cref="FixOptions"/>;
    /// <c>ToRouter.Analyzers.RetryLoopAnalyzer</c> runs over it; and the action titled
    /// <see cref="Title"/> with equivalence key <see cref="EquivalenceKey"/>, from the exported
    /// <see cref="CodeFixProvider"/>s of the ToRouter.Analyzers.CodeFixes assembly, is applied per diagnostic
    /// until no diagnostic offers it. Nothing here writes fixed code by hand.
    /// </summary>
    public static class FixRunner
    {
        public const string Title = "Rewrite as bounded exponential backoff";
        public const string EquivalenceKey = "TR.RewriteAsBoundedBackoff";
        public const string CodeFixAssemblyName = "ToRouter.Analyzers.CodeFixes";
        private const int MaxRounds = 12;

        private static readonly ConcurrentDictionary<string, Lazy<Task<FixResult>>> s_cache = new();
        private static readonly Lazy<ImmutableArray<CodeFixProvider>> s_providers = new(DiscoverProviders);

        /// <summary>The exported code fix providers of the code-fix assembly (by reflection).</summary>
        public static ImmutableArray<CodeFixProvider> Providers => s_providers.Value;

        public static DiagnosticAnalyzer CreateAnalyzer() => new RetryLoopAnalyzer();

        /// <summary>Fixes <paramref name="source"/> once per distinct input and caches the result (or the failure).</summary>
        public static Task<FixResult> FixAsync(string source, ReferenceSet references, LanguageVersion languageVersion, FixOptions options)
        {
            string key = references.Name + "|" + languageVersion + "|" + options.EditorConfig + "|" + source;
            return s_cache.GetOrAdd(key, _ => new Lazy<Task<FixResult>>(() => Task.Run(() => FixCoreAsync(source, references, languageVersion, options, CancellationToken.None)))).Value;
        }

        /// <summary>The TR diagnostics the analyzer reports on a source under the given options.</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, ReferenceSet references, LanguageVersion languageVersion, FixOptions options)
        {
            var (_, project, _) = CreateProject(new[] { source }, references, languageVersion, options);
            return await GetTrDiagnosticsAsync(project, CancellationToken.None).ConfigureAwait(false);
        }

        /// <summary>What an analyzer or fix sees for <paramref name="key"/> in the scenario document's AnalyzerConfigOptions.</summary>
        public static async Task<string> ReadAnalyzerConfigOptionAsync(string source, ReferenceSet references, LanguageVersion languageVersion, FixOptions options, string key)
        {
            var (_, project, documentId) = CreateProject(new[] { source }, references, languageVersion, options);
            var tree = await project.GetDocument(documentId).GetSyntaxTreeAsync().ConfigureAwait(false);
            return project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value) ? value : null;
        }

        private static async Task<FixResult> FixCoreAsync(string source, ReferenceSet references, LanguageVersion languageVersion, FixOptions options, CancellationToken ct)
        {
            var (workspace, project, documentId) = CreateProject(new[] { source }, references, languageVersion, options);
            using var _ = workspace;
            var original = await GetTrDiagnosticsAsync(project, ct).ConfigureAwait(false);
            if (original.IsEmpty)
            {
                throw new FixUnavailableException(
                    "RetryLoopAnalyzer reported no TR diagnostic on the original loop, so there is nothing to fix "
                    + "(is the analyzer still a stub, or does it miss this loop?).\n\n" + ScenarioCompiler.Numbered(new[] { source }),
                    "no fix yet: the analyzer reports nothing on this loop");
            }

            if (Providers.IsEmpty)
            {
                throw new FixUnavailableException(
                    "The " + CodeFixAssemblyName + " assembly exports no CodeFixProvider yet; the analyzer reported: "
                    + string.Join(", ", original.Select(Describe)),
                    "no fix yet: no CodeFixProvider exported (analyzer reports " + string.Join(", ", original.Select(d => d.Id).Distinct()) + ")");
            }

            var offered = new Dictionary<string, IReadOnlyList<(string, string)>>();
            foreach (var diagnostic in original)
            {
                var actions = await GetActionsAsync(project.GetDocument(documentId), diagnostic, ct).ConfigureAwait(false);
                offered[Describe(diagnostic)] = actions.Select(a => (a.Title, a.EquivalenceKey)).ToArray();
            }

            var applied = new List<string>();
            var solution = project.Solution;
            for (int round = 0; ; round++)
            {
                var current = solution.GetProject(project.Id);
                var diagnostics = await GetTrDiagnosticsAsync(current, ct).ConfigureAwait(false);
                CodeAction chosen = null;
                Diagnostic chosenFor = null;
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
                {
                    var document = current.GetDocument(diagnostic.Location.SourceTree);
                    if (document == null)
                    {
                        continue;
                    }

                    var actions = await GetActionsAsync(document, diagnostic, ct).ConfigureAwait(false);
                    chosen = actions.FirstOrDefault(a => a.EquivalenceKey == EquivalenceKey) ?? actions.FirstOrDefault(a => a.Title == Title);
                    if (chosen != null)
                    {
                        chosenFor = diagnostic;
                        break;
                    }
                }

                if (chosen == null)
                {
                    if (round == 0)
                    {
                        throw new FixUnavailableException(
                            "No code action titled '" + Title + "' (equivalence key '" + EquivalenceKey + "') is offered for any of: "
                            + string.Join("; ", offered.Select(kv => kv.Key + " -> [" + string.Join(", ", kv.Value.Select(v => "'" + v.Item1 + "'/" + v.Item2)) + "]"))
                            + ". Providers found: " + string.Join(", ", Providers.Select(p => p.GetType().Name + " {" + string.Join(",", p.FixableDiagnosticIds) + "}")),
                            "no fix: '" + Title + "' is not offered for " + string.Join(", ", original.Select(d => d.Id).Distinct()));
                    }

                    break;
                }

                if (round >= MaxRounds)
                {
                    throw new FixUnavailableException("The fix did not converge: after " + MaxRounds + " applications " + Describe(chosenFor) + " still offers it.\n"
                        + ScenarioCompiler.Numbered(await TextsAsync(current, documentId, ct).ConfigureAwait(false)));
                }

                var operations = await chosen.GetOperationsAsync(ct).ConfigureAwait(false);
                var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault()
                    ?? throw new FixUnavailableException("The code action '" + chosen.Title + "' produced no ApplyChangesOperation.");
                var before = await TextsAsync(current, documentId, ct).ConfigureAwait(false);
                solution = apply.ChangedSolution;
                var after = await TextsAsync(solution.GetProject(project.Id), documentId, ct).ConfigureAwait(false);
                if (before.SequenceEqual(after))
                {
                    throw new FixUnavailableException("The code action '" + chosen.Title + "' for " + Describe(chosenFor) + " changed nothing.");
                }

                applied.Add(chosenFor.Id + ": '" + chosen.Title + "' [" + chosen.EquivalenceKey + "]");
            }

            var fixedProject = solution.GetProject(project.Id);
            return new FixResult
            {
                OriginalSource = source,
                FixedSources = await TextsAsync(fixedProject, documentId, ct).ConfigureAwait(false),
                OriginalDiagnostics = original,
                RemainingDiagnostics = await GetTrDiagnosticsAsync(fixedProject, ct).ConfigureAwait(false),
                Applied = applied,
                OfferedByDiagnostic = offered,
            };
        }

        public static string Describe(Diagnostic d)
        {
            var pos = d.Location.GetLineSpan().StartLinePosition;
            return d.Id + " (line " + (pos.Line + 1) + ")";
        }

        private static (AdhocWorkspace Workspace, Project Project, DocumentId DocumentId) CreateProject(
            IReadOnlyList<string> sources, ReferenceSet references, LanguageVersion languageVersion, FixOptions options)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId("Scenario");
            var info = ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                name: "Scenario",
                assemblyName: "Scenario",
                language: LanguageNames.CSharp,
                filePath: "/e2e/Scenario.csproj",
                compilationOptions: ScenarioCompiler.CompilationOptions(),
                parseOptions: ScenarioCompiler.ParseOptions(languageVersion),
                metadataReferences: references.References);
            var solution = workspace.CurrentSolution.AddProject(info);
            DocumentId first = null;
            for (int i = 0; i < sources.Count; i++)
            {
                var id = DocumentId.CreateNewId(projectId, "Scenario" + i);
                first ??= id;
                solution = solution.AddDocument(id, "Scenario" + i + ".cs", SourceText.From(sources[i], Encoding.UTF8), filePath: "/e2e/Scenario" + i + ".cs");
            }

            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId, ".editorconfig"), ".editorconfig", SourceText.From(options.EditorConfig, Encoding.UTF8), filePath: "/e2e/.editorconfig");
            return (workspace, solution.GetProject(projectId), first);
        }

        private static async Task<ImmutableArray<Diagnostic>> GetTrDiagnosticsAsync(Project project, CancellationToken ct)
        {
            var compilation = await project.GetCompilationAsync(ct).ConfigureAwait(false);
            var analyzerExceptions = new List<string>();
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create(CreateAnalyzer()),
                new CompilationWithAnalyzersOptions(
                    project.AnalyzerOptions,
                    onAnalyzerException: (e, a, d) => { lock (analyzerExceptions) { analyzerExceptions.Add(e.ToString()); } },
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(ct).ConfigureAwait(false);
            var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Concat(analyzerExceptions).ToArray();
            if (crashes.Length > 0)
            {
                throw new FixUnavailableException("RetryLoopAnalyzer threw:\n" + string.Join("\n", crashes));
            }

            return diagnostics.Where(d => d.Id.StartsWith("TR", StringComparison.Ordinal))
                .OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
        }

        private static async Task<IReadOnlyList<CodeAction>> GetActionsAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
        {
            var actions = new List<CodeAction>();
            foreach (var provider in Providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var registered = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => { lock (registered) { registered.Add(action); } }, ct);
                await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                actions.AddRange(registered.SelectMany(Flatten));
            }

            return actions;
        }

        /// <summary>An action and, for a group, its nested actions (NestedActions is not public in Roslyn 4.8).</summary>
        private static IEnumerable<CodeAction> Flatten(CodeAction action)
        {
            yield return action;
            var property = typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                ?? typeof(CodeAction).GetProperty("NestedCodeActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (property?.GetValue(action) is ImmutableArray<CodeAction> nested && !nested.IsDefaultOrEmpty)
            {
                foreach (var child in nested.SelectMany(Flatten))
                {
                    yield return child;
                }
            }
        }

        private static async Task<IReadOnlyList<string>> TextsAsync(Project project, DocumentId first, CancellationToken ct)
        {
            var texts = new List<string>();
            foreach (var document in project.Documents.OrderBy(d => d.Id == first ? 0 : 1).ThenBy(d => d.Name, StringComparer.Ordinal))
            {
                texts.Add((await document.GetTextAsync(ct).ConfigureAwait(false)).ToString());
            }

            return texts;
        }

        private static ImmutableArray<CodeFixProvider> DiscoverProviders()
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(CodeFixAssemblyName));
            }
            catch (Exception e)
            {
                throw new FixUnavailableException("Cannot load " + CodeFixAssemblyName + ": " + e.Message);
            }

            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types.Where(t => t != null).ToArray();
            }

            return types
                .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) != null
                            && t.GetCustomAttributes<ExportCodeFixProviderAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t))
                .ToImmutableArray();
        }
    }
}
