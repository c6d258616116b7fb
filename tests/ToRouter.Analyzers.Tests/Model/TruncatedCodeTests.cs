using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Model
{
    /// <summary>
    /// Code in the middle of being typed: every sample loop cut off at many points (and with a
    /// character deleted) goes through the analyzer, which must never throw (AD0001 in a user's build).
    /// </summary>
    public class TruncatedCodeTests
    {
        public static TheoryData<string> SampleFiles()
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "samples", "RetrySamples"), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                         .OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(Path.GetDirectoryName(file)) + "/" + Path.GetFileName(file));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(SampleFiles))]
        public async Task AnalyzerNeverThrowsOnPartialCode(string relativePath)
        {
            var directory = Path.Combine(RepoRoot(), "samples", "RetrySamples");
            var candidates = Directory.GetFiles(directory, Path.GetFileName(relativePath), SearchOption.AllDirectories);
            var text = File.ReadAllText(candidates.First(f => f.EndsWith(relativePath.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal)));
            var references = (await SdkReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(SdkReferences.All);
            var exceptions = new ConcurrentBag<string>();
            var variants = 0;
            for (var cut = 40; cut < text.Length; cut += Math.Max(7, text.Length / 60))
            {
                foreach (var variant in new[] { text.Substring(0, cut), text.Remove(cut, 1) })
                {
                    variants++;
                    var tree = CSharpSyntaxTree.ParseText(variant, new CSharpParseOptions(LanguageVersion.Latest), path: "Partial.cs");
                    var compilation = CSharpCompilation.Create("Partial", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                    var options = new CompilationWithAnalyzersOptions(
                        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                        onAnalyzerException: (e, analyzer, diagnostic) => exceptions.Add(cut + ": " + e),
                        concurrentAnalysis: false,
                        logAnalyzerExecutionTime: false);
                    var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RetryLoopAnalyzer()), options);
                    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                    Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
                }
            }

            Assert.True(variants > 20, "the file is too short to cut up");
            Assert.Empty(exceptions);
        }

        private static string RepoRoot() => Repository.Root;
    }
}
