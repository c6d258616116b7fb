using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ToRouter.Analyzers.EndToEnd.Infrastructure
{
    /// <summary>C# source compiled in-process into an image a <see cref="ScenarioRunner"/> can load.</summary>
    public sealed class CompiledScenario
    {
        public CompiledScenario(string assemblyName, byte[] image, ReferenceSet references, IReadOnlyList<string> sources, ImmutableArray<Diagnostic> warnings)
        {
            AssemblyName = assemblyName;
            Image = image;
            References = references;
            Sources = sources;
            Warnings = warnings;
        }

        public string AssemblyName { get; }
        public byte[] Image { get; }
        public ReferenceSet References { get; }
        public IReadOnlyList<string> Sources { get; }
        public ImmutableArray<Diagnostic> Warnings { get; }
    }

    public sealed class ScenarioCompilationException : Exception
    {
        public ScenarioCompilationException(string message) : base(message)
        {
        }
    }

    /// <summary>
    /// Compiles scenario sources with Roslyn against a <see cref="ReferenceSet"/>. The entry point is a public
    /// static class <c>Scenario</c> with <c>public static Task&lt;string&gt; RunAsync(string baseUrl, CancellationToken ct)</c>.
    /// </summary>
    public static class ScenarioCompiler
    {
        public const string EntryType = "Scenario";
        public const string EntryMethod = "RunAsync";

        private static readonly ConcurrentDictionary<string, Lazy<CompiledScenario>> s_cache = new();
        private static int s_counter;

        public static CSharpParseOptions ParseOptions(LanguageVersion languageVersion)
            => new(languageVersion, DocumentationMode.None, SourceCodeKind.Regular);

        /// <summary>Like an SDK project's defaults: CS1701/CS1702 (reference version unification) are off, as the .NET SDK's NoWarn has them.</summary>
        public static CSharpCompilationOptions CompilationOptions()
            => new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                    optimizationLevel: OptimizationLevel.Debug,
                    nullableContextOptions: NullableContextOptions.Disable,
                    concurrentBuild: false)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                });

        /// <summary>Compiles (once per distinct input) and returns the image; throws with numbered source on errors.</summary>
        public static CompiledScenario Compile(IReadOnlyList<string> sources, ReferenceSet references, LanguageVersion languageVersion)
        {
            string key = references.Name + "|" + languageVersion + "|" + string.Join("\u0001", sources);
            var lazy = s_cache.GetOrAdd(key, _ => new Lazy<CompiledScenario>(() => CompileCore(sources, references, languageVersion)));
            return lazy.Value;
        }

        public static CompiledScenario Compile(string source, ReferenceSet references, LanguageVersion languageVersion)
            => Compile(new[] { source }, references, languageVersion);

        /// <summary>The compiler's diagnostics for the sources (no emit): used to compare original and fixed code.</summary>
        public static ImmutableArray<Diagnostic> Diagnose(IReadOnlyList<string> sources, ReferenceSet references, LanguageVersion languageVersion)
            => CreateCompilation("Diagnose", sources, references, languageVersion).GetDiagnostics();

        private static CSharpCompilation CreateCompilation(string assemblyName, IReadOnlyList<string> sources, ReferenceSet references, LanguageVersion languageVersion)
        {
            var parse = ParseOptions(languageVersion);
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(SourceText.From(s, Encoding.UTF8), parse, path: "Scenario" + i + ".cs")).ToArray();
            return CSharpCompilation.Create(assemblyName, trees, references.References, CompilationOptions());
        }

        private static CompiledScenario CompileCore(IReadOnlyList<string> sources, ReferenceSet references, LanguageVersion languageVersion)
        {
            string name = "E2E.Scenario" + System.Threading.Interlocked.Increment(ref s_counter);
            var compilation = CreateCompilation(name, sources, references, languageVersion);
            using var pe = new MemoryStream();
            var result = compilation.Emit(pe);
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (!result.Success || errors.Length > 0)
            {
                throw new ScenarioCompilationException(
                    "The scenario does not compile (" + references.Name + ", C# " + languageVersion.ToDisplayString() + "):\n"
                    + string.Join("\n", errors.Take(20).Select(d => "  " + d)) + "\n\n" + Numbered(sources));
            }

            var warnings = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToImmutableArray();
            return new CompiledScenario(name, pe.ToArray(), references, sources, warnings);
        }

        public static string Numbered(IReadOnlyList<string> sources)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < sources.Count; i++)
            {
                sb.Append("--- Scenario").Append(i).Append(".cs ---\n");
                var lines = sources[i].Replace("\r\n", "\n").Split('\n');
                for (int l = 0; l < lines.Length; l++)
                {
                    sb.Append((l + 1).ToString().PadLeft(4)).Append("  ").Append(lines[l]).Append('\n');
                }
            }

            return sb.ToString();
        }
    }
}
