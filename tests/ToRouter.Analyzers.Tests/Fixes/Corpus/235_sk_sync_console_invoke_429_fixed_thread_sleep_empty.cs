// lang: latest
// expect: flagged
// shape: Synchronous release-script method that blocks on a Semantic Kernel plugin function with GetAwaiter().GetResult(), retries HttpOperationException 429 with a fixed Thread.Sleep(5000) without reading ResponseContent for sticky quota codes, and returns string.Empty once the tries run out.
using System;
using System.IO;
using System.Net;
using System.Threading;
using Microsoft.SemanticKernel;

namespace Corpus.N235
{
    /// <summary>Changelog generator used by the release script (<c>dotnet run -- changelog</c>).</summary>
    internal sealed class ChangelogWriter
    {
        private const int MaxTries = 4;

        private readonly Kernel _kernel;
        private readonly TextWriter _log;

        public ChangelogWriter(Kernel kernel, TextWriter log)
        {
            _kernel = kernel;
            _log = log;
        }

        public string Summarize(string commitLog)
        {
            var args = new KernelArguments
            {
                ["commits"] = commitLog,
                ["style"] = "keep-a-changelog",
            };

            string summary = string.Empty;
            int tries = 0;

            while (tries < MaxTries)
            {
                tries++;
                try
                {
                    // The tool is a plain console app, so we just block here.
                    var result = _kernel.InvokeAsync("ReleaseNotes", "Summarize", args).GetAwaiter().GetResult();
                    summary = result.GetValue<string>() ?? string.Empty;
                    break;
                }
                catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    _log.WriteLine($"[changelog] throttled ({tries}/{MaxTries}), sleeping 5s...");
                    Thread.Sleep(5000);
                }
            }

            if (summary.Length == 0)
            {
                _log.WriteLine("[changelog] no AI summary, the changelog will only list commits");
            }

            return summary;
        }

        public void WriteTo(string path, string commitLog)
        {
            var summary = Summarize(commitLog);
            File.WriteAllText(path, "## Unreleased" + Environment.NewLine + summary + Environment.NewLine + commitLog);
        }
    }
}
