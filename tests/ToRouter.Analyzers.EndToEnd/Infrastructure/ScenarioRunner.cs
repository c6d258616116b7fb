using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;

namespace ToRouter.Analyzers.EndToEnd.Infrastructure
{
    public enum RunEnd
    {
        /// <summary>The entry method returned a value.</summary>
        Returned,

        /// <summary>The entry method threw.</summary>
        Threw,

        /// <summary>It kept asking past the script's cap: a loop that never gives up.</summary>
        CutAtCap,

        /// <summary>It neither finished nor reached the cap within the run's time limit.</summary>
        TimedOut,
    }

    public sealed class RunOptions
    {
        /// <summary>Longest a run may take before it is declared <see cref="RunEnd.TimedOut"/>.</summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

        /// <summary>Cancel the token this many ms after the first request arrived (null: never).</summary>
        public int? CancelAfterFirstRequestMs { get; init; }

        /// <summary>After a cut or time-out the token is cancelled and the code gets this long to stop.</summary>
        public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(3);
    }

    /// <summary>What one run of scenario code did, as seen from the caller and from the server.</summary>
    public sealed class RunResult
    {
        public RunEnd End { get; init; }
        public string Value { get; init; }
        /// <summary>The exception that reached the caller (unwrapped from the task, not from the code).</summary>
        public Exception Exception { get; init; }
        /// <summary>Every request the server recorded, held ones included.</summary>
        public IReadOnlyList<RecordedRequest> Requests { get; init; }
        public double StartedMs { get; init; }
        public double EndedMs { get; init; }
        public double? CancelledAtMs { get; init; }
        /// <summary>True when the code was still running after the cut/time-out and its grace period.</summary>
        public bool Abandoned { get; init; }

        /// <summary>Requests that got an answer.</summary>
        public int Attempts => Requests.Count(r => !r.Held);

        /// <summary>Gaps between consecutive answered requests' arrivals, in ms.</summary>
        public IReadOnlyList<double> GapsMs
        {
            get
            {
                var answered = Requests.Where(r => !r.Held).OrderBy(r => r.Index).ToArray();
                return answered.Zip(answered.Skip(1), (a, b) => b.ArrivedMs - a.ArrivedMs).ToArray();
            }
        }

        public int? ExceptionStatus => StatusOf(Exception);

        /// <summary>A one-line description for reports and assertion messages.</summary>
        public string Outcome
        {
            get
            {
                switch (End)
                {
                    case RunEnd.Returned:
                        return Value == null ? "returned null (failure hidden)" : "succeeded";
                    case RunEnd.Threw:
                        var status = ExceptionStatus;
                        var cancelled = Exception is OperationCanceledException ? " (cancelled)" : "";
                        return "threw " + Exception.GetType().Name + (status.HasValue && status.Value != 0 ? " " + status.Value.ToString(CultureInfo.InvariantCulture) : "") + cancelled;
                    case RunEnd.CutAtCap:
                        return "never gave up (cut at the cap)";
                    default:
                        return "still running at the time limit";
                }
            }
        }

        public string Describe()
        {
            var lines = new List<string>
            {
                $"outcome: {Outcome}; answered requests: {Attempts}; waits (ms): {FormatGaps(GapsMs, 12)}",
            };
            if (CancelledAtMs.HasValue)
            {
                lines.Add($"cancelled at +{CancelledAtMs.Value - StartedMs:F0} ms, ended at +{EndedMs - StartedMs:F0} ms");
            }

            if (Exception != null)
            {
                lines.Add("exception: " + Exception.GetType().FullName + ": " + FirstLine(Exception.Message));
            }

            lines.AddRange(Requests.Select(r => "  " + r.Method + " " + r.Path + " @+" + (r.ArrivedMs - StartedMs).ToString("F0", CultureInfo.InvariantCulture) + "ms -> " + r.Answer));
            return string.Join("\n", lines);
        }

        public static string FormatGaps(IReadOnlyList<double> gaps, int max)
        {
            if (gaps.Count == 0)
            {
                return "-";
            }

            var shown = gaps.Take(max).Select(g => g.ToString("F0", CultureInfo.InvariantCulture));
            return string.Join(", ", shown) + (gaps.Count > max ? ", …" : "");
        }

        private static string FirstLine(string s) => s == null ? "" : s.Split('\n')[0].Trim();

        /// <summary>
        /// The HTTP status an SDK exception carries, read through its own public member: <c>Status</c> (int:
        /// System.ClientModel) or <c>StatusCode</c> (HttpStatusCode or HttpStatusCode?: Anthropic, HttpClient,
        /// Semantic Kernel). Null when there is none.
        /// </summary>
        public static int? StatusOf(Exception exception)
        {
            if (exception == null)
            {
                return null;
            }

            var type = exception.GetType();
            var status = type.GetProperty("Status", BindingFlags.Public | BindingFlags.Instance);
            if (status != null && status.PropertyType == typeof(int))
            {
                return (int)status.GetValue(exception);
            }

            var statusCode = type.GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance);
            if (statusCode != null)
            {
                var value = statusCode.GetValue(exception);
                if (value is HttpStatusCode code)
                {
                    return (int)code;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Loads a <see cref="CompiledScenario"/> into an <see cref="AssemblyLoadContext"/> of its own, calls
    /// <c>Scenario.RunAsync(server.BaseUrl, token)</c> on the thread pool and watches it: it ends when the code
    /// returns or throws, when it asks the server past the script's cap (a loop that never gives up), or at the
    /// time limit. Code still running after that is cancelled; if it ignores the cancellation too, the server
    /// is turned into a tarpit that holds its connections, so it parks instead of spinning.
    /// </summary>
    public static class ScenarioRunner
    {
        public static async Task<RunResult> RunAsync(CompiledScenario scenario, ScriptedServer server, RunOptions options = null)
        {
            options ??= new RunOptions();
            var context = new ScenarioLoadContext(scenario);
            var cts = new CancellationTokenSource(); // not disposed: a late cancel timer may still fire
            double? cancelledAt = null;
            if (options.CancelAfterFirstRequestMs is int cancelAfter)
            {
                int armed = 0;
                server.OnRequest = request =>
                {
                    if (Interlocked.Exchange(ref armed, 1) == 0)
                    {
                        _ = Task.Delay(cancelAfter).ContinueWith(_ =>
                        {
                            cancelledAt = Clock.NowMs;
                            cts.Cancel();
                        }, TaskScheduler.Default);
                    }
                };
            }

            var assembly = context.LoadFromStream(new MemoryStream(scenario.Image));
            MethodInfo entry = assembly.GetType(ScenarioCompiler.EntryType)?.GetMethod(ScenarioCompiler.EntryMethod, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException("The scenario has no public static " + ScenarioCompiler.EntryType + "." + ScenarioCompiler.EntryMethod + ".");

            double started = Clock.NowMs;
            string baseUrl = server.BaseUrl;
            CancellationToken token = cts.Token;
            Task<string> run = Task.Run(() =>
            {
                try
                {
                    return (Task<string>)entry.Invoke(null, new object[] { baseUrl, token });
                }
                catch (TargetInvocationException tie) when (tie.InnerException != null)
                {
                    return Task.FromException<string>(tie.InnerException);
                }
            });

            Task timeLimit = Task.Delay(options.Timeout);
            Task winner = await Task.WhenAny(run, server.CapReached, timeLimit).ConfigureAwait(false);
            if (winner != run && run.IsCompleted)
            {
                winner = run; // it finished at the same moment
            }

            RunEnd end;
            bool abandoned = false;
            if (winner == run)
            {
                end = run.Status == TaskStatus.RanToCompletion ? RunEnd.Returned : RunEnd.Threw;
            }
            else
            {
                end = winner == server.CapReached ? RunEnd.CutAtCap : RunEnd.TimedOut;
                cts.Cancel();
                await Task.WhenAny(run, Task.Delay(options.StopGrace)).ConfigureAwait(false);
                if (!run.IsCompleted)
                {
                    abandoned = true;
                    server.BecomeTarpit();
                }
            }

            double ended = Clock.NowMs;
            Exception exception = null;
            if (end == RunEnd.Threw)
            {
                exception = run.Exception?.InnerExceptions.Count == 1 ? run.Exception.InnerException : run.Exception;
                if (run.IsCanceled)
                {
                    exception = GetCancellation(run);
                }
            }

            var result = new RunResult
            {
                End = end,
                Value = end == RunEnd.Returned ? run.Result : null,
                Exception = exception,
                Requests = server.Requests,
                StartedMs = started,
                EndedMs = ended,
                CancelledAtMs = cancelledAt,
                Abandoned = abandoned,
            };

            if (run.IsCompleted)
            {
                _ = run.Exception; // observed
            }

            return result;
        }

        private static Exception GetCancellation(Task<string> task)
        {
            try
            {
                task.GetAwaiter().GetResult();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }

        /// <summary>
        /// A context per run, never unloaded: on this runtime, unloading collectible contexts while the suite
        /// kept running crashed the test host now and then (a segfault in libcoreclr on a thread-pool worker).
        /// Everything but the scenario's private assemblies (see <see cref="ReferenceSet.PrivateAssemblies"/>)
        /// resolves to the test process's own copies, so SDK exception types the tests inspect are the same
        /// types the scenario throws; each private assembly is loaded once, into <see cref="PrivateContext"/>,
        /// and shared by every run that asks for it.
        /// </summary>
        private sealed class ScenarioLoadContext : AssemblyLoadContext
        {
            private readonly CompiledScenario _scenario;

            public ScenarioLoadContext(CompiledScenario scenario)
                : base(scenario.AssemblyName)
            {
                _scenario = scenario;
            }

            protected override Assembly Load(AssemblyName assemblyName)
                => PrivateContext.Load(assemblyName, _scenario.References.PrivateAssemblies);
        }

        /// <summary>The one context that holds private assemblies (OpenAI 2.1.0 for Azure.AI.OpenAI), each loaded once.</summary>
        private sealed class PrivateContext : AssemblyLoadContext
        {
            private static readonly PrivateContext s_instance = new PrivateContext();
            private static readonly object s_gate = new object();
            private IReadOnlyDictionary<string, string> _paths = new Dictionary<string, string>();

            private PrivateContext()
                : base("scenario-private-assemblies")
            {
            }

            /// <summary>The private assembly of that name, or null to let the default context resolve it.</summary>
            public static Assembly Load(AssemblyName assemblyName, IReadOnlyDictionary<string, string> privateAssemblies)
            {
                if (assemblyName.Name == null || !privateAssemblies.TryGetValue(assemblyName.Name, out var path))
                {
                    return null;
                }

                lock (s_gate)
                {
                    s_instance._paths = privateAssemblies;
                    var loaded = s_instance.Assemblies.FirstOrDefault(a => a.GetName().Name == assemblyName.Name);
                    return loaded ?? s_instance.LoadFromAssemblyPath(path);
                }
            }

            // A private assembly's own references: private ones from here, the rest from the default context.
            protected override Assembly Load(AssemblyName assemblyName)
                => assemblyName.Name != null && _paths.TryGetValue(assemblyName.Name, out var path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
