using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace ToRouter.Analyzers.EndToEnd.Infrastructure
{
    /// <summary>
    /// Scenario code runs inside the test process; if it ever takes the process down, this leaves the reason
    /// in artifacts/e2e-crash.log (the test runner itself only says "test host process crashed").
    /// </summary>
    internal static class CrashLog
    {
        [ModuleInitializer]
        internal static void Install()
        {
            AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            {
                try
                {
                    var root = RepoRoot.Find();
                    var path = Path.Combine(root, "artifacts", "e2e-crash.log");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.AppendAllText(path, DateTime.UtcNow.ToString("o") + " " + e.ExceptionObject + Environment.NewLine);
                    Console.Error.WriteLine("E2E unhandled exception: " + e.ExceptionObject);
                }
                catch (Exception)
                {
                    // nothing more can be done while the process is going down
                }
            };
        }
    }
}
