using System;
using System.ClientModel;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.EndToEnd.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace ToRouter.Analyzers.EndToEnd.Scenarios
{
    /// <summary>
    /// Loop shapes whose fix keeps the user's own code around the retry: an exception thrown after the loop (reached once
    /// the retryable attempts run out), a give-up branch in the catch, a GetStringAsync send, a using-block status check.
    /// Each original is fixed by the package in process, compiled and run against the scripted server.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class ShapeTests
    {
        private const string OpenAiClient = @"
        var options = new OpenAIClientOptions { Endpoint = new Uri(baseUrl + ""/v1""), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        var client = new ChatClient(""gpt-4o-mini"", new ApiKeyCredential(""test-key""), options);
        var messages = new ChatMessage[] { new UserChatMessage(""Say pong."") };";

        private const string OpenAiUsings = @"using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
";

        /// <summary>catch (Exception) that keeps the last failure and throws its own exception after a bounded loop.</summary>
        private const string CustomExceptionAfterTheLoop = OpenAiUsings + @"
public class GatewayUnavailableException : Exception
{
    public GatewayUnavailableException(string message, Exception inner) : base(message, inner) { }
}

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {" + OpenAiClient + @"
        Exception last = null;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (Exception ex)
            {
                last = ex;
                await Task.Delay(15, ct);
            }
        }

        throw new GatewayUnavailableException(""the gateway kept failing"", last);
    }
}
";

        /// <summary>A catch that gives up on the last attempt by logging and returning null (TR0008), waiting a fixed time otherwise.</summary>
        private const string GiveUpBranchReturnsNull = OpenAiUsings + @"
public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {" + OpenAiClient + @"
        int attempt = 0;
        while (true)
        {
            try
            {
                ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex)
            {
                if (++attempt == 3)
                {
                    Console.Error.WriteLine(""giving up: "" + ex.Message);
                    return null;
                }

                await Task.Delay(15, ct);
            }
        }
    }
}
";

        /// <summary>GetStringAsync (which hides the error body) retried on every HttpRequestException, C# 7.3.</summary>
        private const string GetStringAsyncLoop = @"using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        using (var http = new HttpClient())
        {
            for (int attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    return await http.GetStringAsync(baseUrl + ""/v1/chat/completions"");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(15, ct);
                }
            }

            return null;
        }
    }
}
";

        /// <summary>A using-block response whose 429 is retried without reading the body, C# 7.3.</summary>
        private const string UsingBlockStatusCheck = @"using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        using (var http = new HttpClient())
        {
            for (int attempt = 0; attempt < 5; attempt++)
            {
                using (var response = await http.PostAsync(baseUrl + ""/v1/chat/completions"", new StringContent(""{}"", Encoding.UTF8, ""application/json""), ct))
                {
                    if (response.StatusCode == (HttpStatusCode)429)
                    {
                        await Task.Delay(15, ct);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }
            }

            throw new HttpRequestException(""still rate limited"");
        }
    }
}
";

        /// <summary>After the success check, a 429 branch and a 5xx branch that go round, then the user's own exception with the body.</summary>
        private const string StatusLadder = @"using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        using var http = new HttpClient();
        for (int attempt = 1; attempt <= 10; attempt++)
        {
            using var content = new StringContent(""{}"", Encoding.UTF8, ""application/json"");
            using var response = await http.PostAsync(baseUrl + ""/v1/chat/completions"", content, ct);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(ct);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(15, ct);
                continue;
            }

            if ((int)response.StatusCode >= 500)
            {
                await Task.Delay(15, ct);
                continue;
            }

            var error = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException(""gateway rejected the request: "" + error);
        }

        throw new TimeoutException(""the gateway kept failing"");
    }
}
";

        /// <summary>A recursive retry whose caller passes the budget (2 retries), retrying 429s after a fixed wait.</summary>
        private const string RecursiveCallerBudget = OpenAiUsings + @"
public static class Scenario
{
    public static Task<string> RunAsync(string baseUrl, CancellationToken ct) => AskAsync(baseUrl, 2, ct);

    private static async Task<string> AskAsync(string baseUrl, int retriesLeft, CancellationToken ct)
    {" + OpenAiClient + @"
        try
        {
            ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: ct);
            return completion.Content[0].Text;
        }
        catch (ClientResultException ex) when (ex.Status == 429 && retriesLeft > 0)
        {
            await Task.Delay(15, ct);
            return await AskAsync(baseUrl, retriesLeft - 1, ct);
        }
    }
}
";

        [Fact]
        public async Task StatusLadder_StickyQuota_ReachesTheUsersEndingAtOnce()
        {
            var run = await RunFixedAsync(StatusLadder, LanguageVersion.Latest, Scenarios.StickyKeyQuota);
            Check(run.Attempts == 1, "makes one request", run);
            Check(run.Exception is InvalidOperationException e && e.Message.Contains("API_KEY_QUOTA_EXHAUSTED"), "the user's own exception, with the body, reaches the caller", run);
        }

        [Fact]
        public async Task StatusLadder_PersistentFailure_MakesMaxAttemptsThenTheUsersEnding()
        {
            var run = await RunFixedAsync(StatusLadder, LanguageVersion.Latest, Scenarios.PersistentUnavailable);
            Check(run.Attempts == FixOptions.Default.MaxAttempts, "makes max_attempts requests", run);
            Check(run.Exception is InvalidOperationException, "the user's own ending reaches the caller", run);
        }

        [Fact]
        public async Task StatusLadder_GatewayErrorsThenOk_Succeeds()
        {
            var run = await RunFixedAsync(StatusLadder, LanguageVersion.Latest, Scenarios.GatewayErrorsThenOk);
            Check(run.End == RunEnd.Returned && run.Attempts == 4, "succeeds on the fourth request", run);
        }

        [Fact]
        public async Task RecursiveCallerBudget_PersistentFailure_StopsWhenTheCallersBudgetRunsOut()
        {
            var run = await RunFixedAsync(RecursiveCallerBudget, LanguageVersion.Latest, Scenarios.PersistentUnavailable);
            Check(run.Attempts == 3, "makes the 1 + 2 requests the caller allowed (fewer than max_attempts)", run);
            Check(run.Exception is ClientResultException e && e.Status == 503, "the last 503 reaches the caller", run);
        }

        [Fact]
        public async Task CustomExceptionAfterTheLoop_PersistentFailure_ReachesTheUsersExceptionAfterMaxAttempts()
        {
            var run = await RunFixedAsync(CustomExceptionAfterTheLoop, LanguageVersion.Latest, Scenarios.PersistentUnavailable);
            Check(run.Attempts == FixOptions.Default.MaxAttempts, "makes max_attempts requests", run);
            Check(run.Exception?.GetType().Name == "GatewayUnavailableException", "the user's own exception reaches the caller", run);
            Check(run.Exception.InnerException is ClientResultException inner && inner.Status == 503, "wrapping the last 503", run);
        }

        [Fact]
        public async Task CustomExceptionAfterTheLoop_StickyQuota_PropagatesAtOnce()
        {
            var run = await RunFixedAsync(CustomExceptionAfterTheLoop, LanguageVersion.Latest, Scenarios.StickyKeyQuota);
            Check(run.Attempts == 1, "makes one request", run);
            Check(run.Exception is ClientResultException e && e.Status == 429, "the SDK's 429 reaches the caller", run);
        }

        [Fact]
        public async Task CustomExceptionAfterTheLoop_RateLimitThenOk_Succeeds()
        {
            var run = await RunFixedAsync(CustomExceptionAfterTheLoop, LanguageVersion.Latest, Scenarios.RateLimitThenOk);
            Check(run.End == RunEnd.Returned && run.Attempts == 3, "succeeds on the third request", run);
        }

        [Fact]
        public async Task GiveUpBranch_PersistentFailure_ThrowsTheLastFailureInsteadOfNull()
        {
            var run = await RunFixedAsync(GiveUpBranchReturnsNull, LanguageVersion.Latest, Scenarios.PersistentUnavailable);
            Check(run.Attempts == FixOptions.Default.MaxAttempts, "makes max_attempts requests", run);
            Check(run.Exception is ClientResultException e && e.Status == 503, "the last 503 reaches the caller (not null)", run);
        }

        [Fact]
        public async Task GetStringAsync_StickyQuota_PropagatesAtOnce()
        {
            var run = await RunFixedAsync(GetStringAsyncLoop, LanguageVersion.CSharp7_3, Scenarios.StickyKeyQuota);
            Check(run.Attempts == 1, "makes one request", run);
            Check(run.Exception is HttpRequestException, "HttpRequestException reaches the caller", run);
        }

        [Fact]
        public async Task GetStringAsync_GatewayErrorsThenOk_Succeeds()
        {
            var run = await RunFixedAsync(GetStringAsyncLoop, LanguageVersion.CSharp7_3, Scenarios.GatewayErrorsThenOk);
            Check(run.End == RunEnd.Returned && run.Attempts == 4, "succeeds on the fourth request", run);
        }

        [Fact]
        public async Task UsingBlockStatusCheck_StickyQuota_PropagatesAtOnce()
        {
            var run = await RunFixedAsync(UsingBlockStatusCheck, LanguageVersion.CSharp7_3, Scenarios.StickyUsageLimit);
            Check(run.Attempts == 1, "makes one request", run);
            Check(run.Exception is HttpRequestException, "HttpRequestException reaches the caller", run);
        }

        [Fact]
        public async Task UsingBlockStatusCheck_PersistentFailure_ReachesTheUsersExceptionAfterMaxAttempts()
        {
            var run = await RunFixedAsync(UsingBlockStatusCheck, LanguageVersion.CSharp7_3, Scenarios.PersistentUnavailable);
            Check(run.Attempts == FixOptions.Default.MaxAttempts, "makes max_attempts requests", run);
            Check(run.Exception is HttpRequestException e && e.Message == "still rate limited", "the user's own exception reaches the caller", run);
        }

        private static async Task<Fixed> RunFixedAsync(string source, LanguageVersion languageVersion, Scenario scenario)
        {
            var fix = await FixRunner.FixAsync(source, ReferenceSet.Default, languageVersion, FixOptions.Default);
            Assert.True(fix.RemainingDiagnostics.IsEmpty, "the analyzer still reports: " + string.Join(", ", fix.RemainingDiagnostics.Select(FixRunner.Describe)) + "\n" + fix.FixedSource);
            var compiled = ScenarioCompiler.Compile(fix.FixedSource, ReferenceSet.Default, languageVersion);
            await using var server = ScriptedServer.Start(scenario.Script(Wire.OpenAi));
            return new Fixed(await ScenarioRunner.RunAsync(compiled, server), fix.FixedSource);
        }

        private static void Check(bool condition, string what, Fixed run)
        {
            if (!condition)
            {
                throw new XunitException("Expected: " + what + "\n" + run.Run.Describe() + "\n\n" + run.Source);
            }
        }

        /// <summary>A run of fixed code, with the code.</summary>
        private sealed class Fixed
        {
            public Fixed(RunResult run, string source)
            {
                Run = run;
                Source = source;
            }

            public RunResult Run { get; }

            public string Source { get; }

            public int Attempts => Run.Attempts;

            public Exception Exception => Run.Exception;

            public RunEnd End => Run.End;
        }
    }
}
