using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ToRouter.Analyzers.Tests
{
    /// <summary>Only in this project: proves its tests really run the 4.8-built analyzers on a Roslyn 5 host.</summary>
    public class RoslynVersionTests
    {
        [Fact]
        public void RunsOnRoslyn5WhileTheAnalyzerIsBuiltAgainstAnOlderRoslyn()
        {
            var host = typeof(Compilation).Assembly.GetName().Version;
            Assert.True(host.Major >= 5, $"This project must run on Roslyn 5 or newer, but Microsoft.CodeAnalysis {host} is loaded.");

            var built = typeof(RetryLoopAnalyzer).Assembly.GetReferencedAssemblies().First(r => r.Name == "Microsoft.CodeAnalysis").Version;
            Assert.True(built < host, $"The analyzer assembly references Microsoft.CodeAnalysis {built}; expected one older than the host's {host}.");

            var analyzer = new RetryLoopAnalyzer();
            Assert.NotEmpty(analyzer.SupportedDiagnostics);
        }
    }
}
