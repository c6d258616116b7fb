using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ToRouter.Analyzers.Tests.Verifiers
{
    /// <summary>
    /// The one place that pins reference assemblies, SDK packages and language version for the tests.
    /// Markup: <c>{|TR0001:catch|}</c> marks the exact span a diagnostic must cover.
    /// </summary>
    internal static class Verify
    {
        /// <summary>Checks that <paramref name="source"/> produces exactly the diagnostics in its markup.</summary>
        public static Task AnalyzerAsync(string source, LanguageVersion languageVersion = LanguageVersion.Latest, string editorConfig = null)
        {
            var test = new Test<EmptyCodeFixProvider> { TestCode = source, LanguageVersion = languageVersion };
            return RunAsync(test, editorConfig);
        }

        /// <summary>Like <see cref="AnalyzerAsync"/>, with the options in a <c>.globalconfig</c> (<c>is_global = true</c>) instead of an <c>.editorconfig</c>.</summary>
        public static Task AnalyzerWithGlobalConfigAsync(string source, string globalConfig, LanguageVersion languageVersion = LanguageVersion.Latest)
        {
            var test = new Test<EmptyCodeFixProvider> { TestCode = source, LanguageVersion = languageVersion };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n\n" + globalConfig));
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// Runs the analyzer over code in the middle of being typed: compiler errors are expected and
        /// ignored, and the markup still pins every TR diagnostic (an analyzer exception fails the test).
        /// </summary>
        public static Task IncompleteCodeAsync(string source, LanguageVersion languageVersion = LanguageVersion.Latest)
        {
            var test = new Test<EmptyCodeFixProvider> { TestCode = source, LanguageVersion = languageVersion, CompilerDiagnostics = CompilerDiagnostics.None };
            return RunAsync(test, editorConfig: null);
        }

        private static Task RunAsync(Test<EmptyCodeFixProvider> test, string editorConfig)
        {
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Runs the analyzer at C# 7.3 and at the latest language version.</summary>
        public static async Task AnalyzerAtOldAndNewAsync(string source)
        {
            await AnalyzerAsync(source, LanguageVersion.CSharp7_3);
            await AnalyzerAsync(source, LanguageVersion.Latest);
        }

        /// <summary>Applies <typeparamref name="TFix"/> and compares the result with <paramref name="fixedSource"/>.</summary>
        public static Task CodeFixAsync<TFix>(string source, string fixedSource, string equivalenceKey = null, LanguageVersion languageVersion = LanguageVersion.Latest, string editorConfig = null)
            where TFix : CodeFixProvider, new()
        {
            var test = new Test<TFix>
            {
                TestCode = source,
                FixedCode = fixedSource,
                LanguageVersion = languageVersion,
                CodeActionEquivalenceKey = equivalenceKey,
            };
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
                test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// Like <see cref="CodeFixAsync{TFix}(string, string, string, LanguageVersion, string)"/>, compiled against <paramref name="framework"/>'s
        /// reference assemblies, checking Fix All in document, project and solution scope reaches <paramref name="fixedSource"/> in
        /// <paramref name="fixAllIterations"/> passes (null: let the library decide).
        /// </summary>
        public static Task CodeFixAsync<TFix>(string source, string fixedSource, string equivalenceKey, LanguageVersion languageVersion, string editorConfig, TargetFramework framework, int? fixAllIterations = null)
            where TFix : CodeFixProvider, new()
        {
            var test = new Test<TFix>
            {
                TestCode = source,
                FixedCode = fixedSource,
                LanguageVersion = languageVersion,
                CodeActionEquivalenceKey = equivalenceKey,
                ReferenceAssemblies = FrameworkReferences.For(framework),
            };
            if (CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax))
            {
                test.TestState.OutputKind = OutputKind.ConsoleApplication; // top-level statements: a program
            }

            test.TestState.AdditionalReferences.Clear();
            test.FixedState.AdditionalReferences.Clear();
            test.TestState.AdditionalReferences.AddRange(FrameworkReferences.SdkFor(framework));
            test.FixedState.AdditionalReferences.AddRange(FrameworkReferences.SdkFor(framework));
            if (fixAllIterations != null)
            {
                test.NumberOfFixAllIterations = fixAllIterations.Value;
                test.NumberOfFixAllInDocumentIterations = fixAllIterations.Value;
                test.NumberOfFixAllInProjectIterations = fixAllIterations.Value;
            }

            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
                test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Fix All over several files (solution scope): <paramref name="sources"/> and <paramref name="fixedSources"/> pair up by index.</summary>
        public static Task FixAllAsync<TFix>(string[] sources, string[] fixedSources, string equivalenceKey, int fixAllIterations = 1)
            where TFix : CodeFixProvider, new()
        {
            var test = new Test<TFix>
            {
                CodeActionEquivalenceKey = equivalenceKey,
                NumberOfFixAllIterations = fixAllIterations,
                NumberOfFixAllInDocumentIterations = sources.Length,
            };
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(("/Test" + i + ".cs", sources[i]));
                test.FixedState.Sources.Add(("/Test" + i + ".cs", fixedSources[i]));
            }

            return test.RunAsync(CancellationToken.None);
        }

        internal sealed class Test<TFix> : CSharpCodeFixTest<RetryLoopAnalyzer, TFix, DefaultVerifier>
            where TFix : CodeFixProvider, new()
        {
            public Test()
            {
                ReferenceAssemblies = SdkReferences.Net80;
                TestState.AdditionalReferences.AddRange(SdkReferences.All);
                FixedState.AdditionalReferences.AddRange(SdkReferences.All);
            }

            public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

            protected override ParseOptions CreateParseOptions()
                => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
        }
    }
}
