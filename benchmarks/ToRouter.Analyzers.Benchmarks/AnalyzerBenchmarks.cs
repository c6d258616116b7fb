using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ToRouter.Analyzers.Benchmarks
{
    /// <summary>
    /// Cost of the analyzer on a code base of <see cref="Files"/> files (one in ten holds retry loops).
    /// Each run analyzes a fresh clone of the compilation, so no semantic model is reused between runs.
    /// The baseline runs the compiler's own diagnostics only; the difference is the analyzer's price.
    /// </summary>
    [MemoryDiagnoser]
    public class AnalyzerBenchmarks
    {
        private CSharpCompilation _compilation = null!;

        [Params(100, 400)]
        public int Files { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var trees = Corpus.Files(Files).Select((text, i) => CSharpSyntaxTree.ParseText(text, path: $"File{i}.cs")).ToArray();
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Concat(new[] { typeof(OpenAI.Chat.ChatClient).Assembly.Location, typeof(System.ClientModel.ClientResult).Assembly.Location })
                .Distinct()
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray();
            _compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var errors = _compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            if (errors > 0)
            {
                throw new InvalidOperationException($"The benchmark corpus does not compile ({errors} errors).");
            }
        }

        [Benchmark(Baseline = true)]
        public int CompilerDiagnosticsOnly() => _compilation.Clone().GetDiagnostics().Length;

        /// <summary>The analyzer driver's own cost: an analyzer that registers for the same nodes and does nothing.</summary>
        [Benchmark]
        public Task<int> CompilerAndEmptyAnalyzer() => RunAsync(new EmptyLoopAnalyzer());

        [Benchmark]
        public Task<int> CompilerAndRetryLoopAnalyzer() => RunAsync(new RetryLoopAnalyzer());

        private async Task<int> RunAsync(DiagnosticAnalyzer analyzer)
        {
            var compilation = _compilation.Clone();
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer));
            var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            return diagnostics.Length;
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyLoopAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.TR0001RetriesEveryException);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                _ => { },
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.WhileStatement,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.DoStatement,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.ForStatement,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.ForEachStatement,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.LabeledStatement,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.MethodDeclaration,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.LocalFunctionStatement);
        }
    }
}
