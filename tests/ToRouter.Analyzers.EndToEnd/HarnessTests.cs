using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.CodeAnalysis.CSharp;
using OpenAI;
using OpenAI.Chat;
using ToRouter.Analyzers.EndToEnd.Infrastructure;
using Xunit;

namespace ToRouter.Analyzers.EndToEnd
{
    /// <summary>
    /// The harness checks itself: the scripted server's wire shapes are what the real SDKs accept and surface,
    /// the server keeps to its script and cap, the compile-and-run harness reports what code did and cannot be
    /// run away with, and the fix runner hands the .editorconfig options to the analyzer.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public sealed class HarnessTests
    {
        private const string Payload = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        public static IEnumerable<object[]> ErrorResponses()
        {
            // name, status, the code the body must carry
            yield return new object[] { "KeyQuotaExhausted", 429, "API_KEY_QUOTA_EXHAUSTED" };
            yield return new object[] { "UsageLimitExceeded", 429, "USAGE_LIMIT_EXCEEDED" };
            yield return new object[] { "RateLimited", 429, "rate_limit_exceeded" };
            yield return new object[] { "InvalidApiKey", 401, "INVALID_API_KEY" };
            yield return new object[] { "InsufficientBalance402", 402, "insufficient_balance" };
            yield return new object[] { "InsufficientBalance403", 403, "INSUFFICIENT_BALANCE" };
            yield return new object[] { "ModelNotFound", 404, "not_found_error" };
            yield return new object[] { "InternalError", 500, "internal_error" };
            yield return new object[] { "UpstreamUnavailable", 502, "upstream_unavailable" };
            yield return new object[] { "ServiceUnavailable", 503, "service_unavailable" };
            yield return new object[] { "GatewayTimeout", 504, "gateway_timeout" };
        }

        private static ScriptedResponse Make(Wire wire, string name)
            => (ScriptedResponse)typeof(Wire).GetMethod(name).Invoke(wire, null);

        private static ChatClient OpenAiClient(string baseUrl) => new(
            "gpt-4o-mini",
            new ApiKeyCredential("test-key"),
            new OpenAIClientOptions { Endpoint = new Uri(baseUrl + "/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });

        private static AnthropicClient AnthropicClient(string baseUrl) => new(new ClientOptions { BaseUrl = baseUrl, ApiKey = "test-key", MaxRetries = 0 });

        private static MessageCreateParams AnthropicRequest() => new()
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 16,
            Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
        };

        [Fact]
        public async Task OpenAI_SDK_parses_the_scripted_200()
        {
            await using var server = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.Ok() }));
            ChatCompletion completion = await OpenAiClient(server.BaseUrl).CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") });
            Assert.Equal(Wire.ReplyText, completion.Content[0].Text);
            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/v1/chat/completions", request.Path);
            Assert.Contains("\"gpt-4o-mini\"", request.Body);
            Assert.Equal("Bearer test-key", request.Headers["Authorization"]);
        }

        [Theory]
        [MemberData(nameof(ErrorResponses))]
        public async Task OpenAI_SDK_surfaces_each_scripted_error_with_its_status_and_body(string name, int status, string code)
        {
            await using var server = ScriptedServer.Start(new Script(new[] { Make(Wire.OpenAi, name) }));
            var ex = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiClient(server.BaseUrl).CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }));
            Assert.Equal(status, ex.Status);
            Assert.Contains(code, ex.GetRawResponse().Content.ToString());
            Assert.Single(server.Requests); // retries really are off
        }

        [Fact]
        public async Task Anthropic_SDK_parses_the_scripted_200()
        {
            await using var server = ScriptedServer.Start(new Script(new[] { Wire.Anthropic.Ok() }));
            Message message = await AnthropicClient(server.BaseUrl).Messages.Create(AnthropicRequest(), CancellationToken.None);
            Assert.True(message.Content[0].TryPickText(out TextBlock text));
            Assert.Equal(Wire.ReplyText, text.Text);
            var request = Assert.Single(server.Requests);
            Assert.Equal("/v1/messages", request.Path);
            Assert.True(request.Headers.ContainsKey("anthropic-version"));
            Assert.Contains(request.Headers, h => h.Value.Contains("test-key", StringComparison.Ordinal)); // x-api-key or Authorization, by SDK version
        }

        [Theory]
        [MemberData(nameof(ErrorResponses))]
        public async Task Anthropic_SDK_surfaces_each_scripted_error_with_its_status_and_type(string name, int status, string code)
        {
            await using var server = ScriptedServer.Start(new Script(new[] { Make(Wire.Anthropic, name) }));
            var ex = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => AnthropicClient(server.BaseUrl).Messages.Create(AnthropicRequest(), CancellationToken.None));
            Assert.Equal(status, (int)ex.StatusCode);
            Assert.Contains(code, ex.ResponseBody);
            if (code == "API_KEY_QUOTA_EXHAUSTED" || code == "USAGE_LIMIT_EXCEEDED")
            {
                Assert.Equal(code, ex.Type?.Raw()); // what a fix reads to tell a sticky 429
            }

            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Retry_After_is_visible_through_OpenAI_and_HttpClient()
        {
            await using var server = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.RateLimited().WithHeader("Retry-After", "1") }));
            var ex = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiClient(server.BaseUrl).CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }));
            Assert.True(ex.GetRawResponse().Headers.TryGetValue("Retry-After", out string value));
            Assert.Equal("1", value);

            using var http = new HttpClient();
            using var response = await http.PostAsync(server.BaseUrl + "/v1/chat/completions", new StringContent(Payload, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter.Delta);
        }

        [Fact]
        public async Task Server_plays_the_script_in_order_repeats_the_last_entry_and_records_every_request()
        {
            var script = new Script(new[] { Wire.OpenAi.KeyQuotaExhausted(), Wire.OpenAi.ServiceUnavailable(), Wire.OpenAi.Ok() });
            await using var server = ScriptedServer.Start(script);
            Assert.StartsWith("http://127.0.0.1:", server.BaseUrl);
            using var http = new HttpClient();
            var statuses = new List<int>();
            for (int i = 0; i < 4; i++)
            {
                using var response = await http.PostAsync(server.BaseUrl + "/v1/chat/completions", new StringContent(Payload, Encoding.UTF8, "application/json"));
                statuses.Add((int)response.StatusCode);
                if (i == 0)
                {
                    Assert.Contains("\"type\":\"API_KEY_QUOTA_EXHAUSTED\"", await response.Content.ReadAsStringAsync());
                }
            }

            Assert.Equal(new[] { 429, 503, 200, 200 }, statuses);
            var requests = server.Requests;
            Assert.Equal(4, requests.Count);
            Assert.All(requests, r => Assert.Equal(Payload, r.Body));
            Assert.Equal(new[] { 0, 1, 2, 3 }, requests.Select(r => r.Index));
            Assert.True(requests.Zip(requests.Skip(1), (a, b) => b.ArrivedMs >= a.ArrivedMs).All(x => x));
        }

        [Fact]
        public async Task Server_reads_chunked_request_bodies()
        {
            await using var server = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.Ok() }));
            using var http = new HttpClient();
            var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(Payload)));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(server.BaseUrl + "/v1/chat/completions", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("chunked", Assert.Single(server.Requests).Headers["Transfer-Encoding"]);
            Assert.Equal(Payload, server.Requests[0].Body);
        }

        [Fact]
        public async Task Server_drops_the_connection_without_a_response()
        {
            await using var server = ScriptedServer.Start(new Script(new[] { ScriptedResponse.Dropped() }));
            using var http = new HttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(server.BaseUrl + "/v1/chat/completions", new StringContent(Payload)));
            Assert.Equal("drop", Assert.Single(server.Requests).Answer);
        }

        [Fact]
        public async Task Server_holds_requests_past_the_cap_and_signals_it()
        {
            await using var server = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.ServiceUnavailable() }, cap: 1));
            using var http = new HttpClient();
            using (var first = await http.PostAsync(server.BaseUrl + "/v1/chat/completions", new StringContent(Payload)))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
            }

            Assert.False(server.CapReached.IsCompleted);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsync(server.BaseUrl + "/v1/chat/completions", new StringContent(Payload), cts.Token));
            Assert.True(server.CapReached.IsCompleted);
            Assert.Single(server.Answered);
            Assert.True(server.Requests[1].Held);
        }

        [Fact]
        public async Task Harness_reports_a_return_value_and_the_exception_object_that_reached_the_caller()
        {
            const string source = @"
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        using (var http = new HttpClient())
        {
            var response = await http.GetAsync(baseUrl + ""/v1/models"", ct);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }
    }
}";
            var compiled = ScenarioCompiler.Compile(source, ReferenceSet.Default, LanguageVersion.CSharp7_3);

            await using (var ok = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.Ok() })))
            {
                var run = await ScenarioRunner.RunAsync(compiled, ok);
                Assert.Equal(RunEnd.Returned, run.End);
                Assert.Contains(Wire.ReplyText, run.Value);
                Assert.Equal(1, run.Attempts);
            }

            await using (var failing = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.InvalidApiKey() })))
            {
                var run = await ScenarioRunner.RunAsync(compiled, failing);
                Assert.Equal(RunEnd.Threw, run.End);
                var ex = Assert.IsType<HttpRequestException>(run.Exception);
                Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
                Assert.Equal(401, run.ExceptionStatus);
            }
        }

        [Fact]
        public void Harness_reports_compile_errors_with_the_numbered_source()
        {
            var ex = Assert.Throws<ScenarioCompilationException>(() => ScenarioCompiler.Compile("public static class Scenario { int x = ; }", ReferenceSet.Default, LanguageVersion.Latest));
            Assert.Contains("CS1525", ex.Message);
            Assert.Contains("   1  public static class Scenario", ex.Message);
        }

        [Fact]
        public async Task Harness_cuts_a_loop_that_never_gives_up_and_parks_one_that_ignores_cancellation()
        {
            // Catches everything, never passes the token anywhere, never stops: the worst case.
            const string source = @"
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        while (true)
        {
            try
            {
                var response = await http.GetAsync(baseUrl + ""/v1/models"");
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
            catch (Exception)
            {
                await Task.Delay(5);
            }
        }
    }
}";
            var compiled = ScenarioCompiler.Compile(source, ReferenceSet.Default, LanguageVersion.CSharp7_3);
            var server = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.ServiceUnavailable() }, cap: 3));
            var run = await ScenarioRunner.RunAsync(compiled, server, new RunOptions { StopGrace = TimeSpan.FromMilliseconds(300) });
            Assert.Equal(RunEnd.CutAtCap, run.End);
            Assert.Equal(3, run.Attempts);
            Assert.True(run.Abandoned, "the loop ignores cancellation, so it is left parked in the tarpit");

            int seen = server.Requests.Count;
            await Task.Delay(300);
            Assert.Equal(seen, server.Requests.Count); // parked on the held request, not spinning
            await server.DisposeAsync(); // a tarpit stays up for the rest of the process
            Assert.Equal(RunEnd.CutAtCap, run.End);
        }

        [Fact]
        public async Task Harness_cancels_the_token_on_schedule()
        {
            const string source = @"
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        using (var http = new HttpClient())
        {
            await http.GetAsync(baseUrl + ""/v1/models"", ct);
            await Task.Delay(10000, ct);
            return ""late"";
        }
    }
}";
            var compiled = ScenarioCompiler.Compile(source, ReferenceSet.Default, LanguageVersion.CSharp7_3);
            await using var server = ScriptedServer.Start(new Script(new[] { Wire.OpenAi.Ok() }));
            var run = await ScenarioRunner.RunAsync(compiled, server, new RunOptions { CancelAfterFirstRequestMs = 100 });
            Assert.Equal(RunEnd.Threw, run.End);
            Assert.IsAssignableFrom<OperationCanceledException>(run.Exception);
            Assert.NotNull(run.CancelledAtMs);
            Assert.InRange(run.CancelledAtMs.Value - server.Requests[0].ArrivedMs, 90, 1000);
            Assert.InRange(run.EndedMs - run.CancelledAtMs.Value, 0, 500);
        }

        [Fact]
        public async Task FixRunner_hands_the_editorconfig_options_to_the_analyzer()
        {
            var options = FixOptions.Default;
            var source = Scenarios.Families.OpenAi.OriginalSource;
            Assert.Equal("20", await FixRunner.ReadAnalyzerConfigOptionAsync(source, ReferenceSet.Default, LanguageVersion.CSharp7_3, options, "torouter.base_delay_ms"));
            Assert.Equal("200", await FixRunner.ReadAnalyzerConfigOptionAsync(source, ReferenceSet.Default, LanguageVersion.CSharp7_3, options, "torouter.max_delay_ms"));
            Assert.Equal("4", await FixRunner.ReadAnalyzerConfigOptionAsync(source, ReferenceSet.Default, LanguageVersion.CSharp7_3, options, "torouter.max_attempts"));
        }

        [Fact]
        public void FixRunner_loads_the_code_fix_assembly_and_every_exported_provider_has_a_fix_all_provider()
        {
            foreach (var provider in FixRunner.Providers)
            {
                Assert.NotEmpty(provider.FixableDiagnosticIds);
                Assert.NotNull(provider.GetFixAllProvider());
            }
        }

        [Fact]
        public void Report_location_is_the_repository_root()
        {
            var root = RepoRoot.Find();
            Assert.NotNull(root);
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, RepoRoot.SolutionFile)));
        }

        /// <summary>A stream without a length, so HttpClient sends it chunked.</summary>
        private sealed class NonSeekableStream : System.IO.MemoryStream
        {
            public NonSeekableStream(byte[] data) : base(data)
            {
            }

            public override bool CanSeek => false;
        }
    }
}
