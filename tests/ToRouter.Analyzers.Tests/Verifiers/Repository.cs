using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace ToRouter.Analyzers.Tests.Verifiers
{
    /// <summary>Files of this repository that tests read (docs, release tracking, samples).</summary>
    internal static class Repository
    {
        private static readonly Lazy<string> s_root = new Lazy<string>(() =>
            FindSolutionFolder(AppContext.BaseDirectory) ?? FindSolutionFolder(Path.GetDirectoryName(ThisFile()))
            ?? throw new InvalidOperationException("ToRouter.Analyzers.sln was not found above " + AppContext.BaseDirectory));

        /// <summary>
        /// The folder holding ToRouter.Analyzers.sln: found by walking up from the test's output folder, or, when the
        /// build put its output elsewhere (--artifacts-path), from this source file's folder.
        /// </summary>
        public static string Root => s_root.Value;

        private static string ThisFile([CallerFilePath] string path = "") => path;

        private static string FindSolutionFolder(string start)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ToRouter.Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }
}
