using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
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
