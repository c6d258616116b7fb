using BenchmarkDotNet.Running;

namespace ToRouter.Analyzers.Benchmarks
{
    public static class Program
    {
        /// <summary><c>dotnet run -c Release --project benchmarks/ToRouter.Analyzers.Benchmarks -- --filter *</c></summary>
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
