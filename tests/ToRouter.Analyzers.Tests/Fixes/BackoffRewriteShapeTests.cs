using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.CodeFixes;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>
    /// "Rewrite as bounded exponential backoff" on the shapes beyond a plain try-in-a-loop: kept code that reads the
    /// attempt counter (the user's counter is reused, with its numbering), status-check loops with no try, failover loops
    /// (only the flagged catch changes) and self-recursive retries. Each case runs through <see cref="FixHarness"/> and end
    /// to end through <see cref="Verify"/> (analyzer quiet on the fixed code, Fix All gives the same result).
    /// </summary>
    public class BackoffRewriteShapeTests
    {
        private const string Key = BackoffRewriteCodeFixProvider.Key;

        private static async Task CheckAsync(string source, string fixedSource, LanguageVersion languageVersion, TargetFramework framework)
        {
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key, languageVersion, null, fixAll: false, framework);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key, languageVersion, null, framework);
        }

        /// <summary>Logging reads a 0-based counter: the new loop keeps its name and base (<c>attempt + 1 &lt; 6</c>), so the log shows the numbers it showed before. The logging reads <c>ex.Status</c>, so no timeout clause is generated (the original did not catch timeouts either).</summary>
        [Fact]
        public Task Counter_ZeroBased_KeptLoggingKeepsItsNumbers() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            class Logged
            {
                public string Ask(ChatClient chat, string prompt)
                {
                    {|TR0008:{|TR0005:for|}|} (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        {|TR0003:catch|} (ClientResultException ex)
                        {
                            Console.WriteLine("attempt " + attempt + " failed: " + ex.Status);
                            Thread.Sleep(1000);
                        }
                    }

                    return null;
                }
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Globalization;
            using System.Threading;
            using OpenAI.Chat;

            class Logged
            {
                public string Ask(ChatClient chat, string prompt)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt + 1 < 6 && IsRetryable(ex))
                        {
                            Console.WriteLine("attempt " + attempt + " failed: " + ex.Status);
                            Thread.Sleep(GetRetryDelay(attempt + 1, GetRetryAfter(ex)));
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableClientResult}}

            {{ExpectedHelpers.GetRetryAfterClientResult}}

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48);

        /// <summary>A counter declared before the loop and incremented before the log: it becomes the for variable, counting from 1 as the log saw it.</summary>
        [Fact]
        public Task Counter_DeclaredBeforeTheLoop_BecomesTheLoopVariable() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Logged
            {
                public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct)
                {
                    int retries = 0;
                    {|TR0005:{|TR0004:while|}|} (true)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            retries++;
                            Debug.WriteLine($"Attempt {retries} failed: {ex.Message}");
                            await Task.Delay(1000 * retries, ct);
                        }
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Diagnostics;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Logged
            {
                public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct)
                {
                    for (int retries = 1; ; retries++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (retries < 6 && IsRetryable(ex))
                        {
                            Debug.WriteLine($"Attempt {retries} failed: {ex.Message}");
                            await Task.Delay(GetRetryDelay(retries, GetRetryAfter(ex)), ct);
                        }
                        catch (TaskCanceledException ex) when (retries < 6 && !ct.IsCancellationRequested)
                        {
                            Debug.WriteLine($"Attempt {retries} failed: {ex.Message}");
                            await Task.Delay(GetRetryDelay(retries, null), ct);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableClientResult}}

            {{ExpectedHelpers.GetRetryAfterClientResult}}

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>The counter is read after the loop: its declaration stays and the new loop only increments it, so it still holds the number of failures.</summary>
        [Fact]
        public Task Counter_ReadAfterTheLoop_KeepsItsDeclaration() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            class Flagged
            {
                public string Ask(ChatClient chat, string prompt)
                {
                    string answer = null;
                    bool done = false;
                    int failures = 0;
                    {|TR0008:{|TR0005:while|}|} (!done && failures < 5)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                            answer = completion.Content[0].Text;
                            done = true;
                        }
                        {|TR0003:catch|} (ClientResultException)
                        {
                            failures++;
                            Thread.Sleep(500);
                        }
                    }

                    Console.WriteLine("succeeded after " + failures + " failures");
                    return answer;
                }
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Flagged
            {
                public string Ask(ChatClient chat, string prompt)
                {
                    string answer = null;
                    int failures = 0;
                    for (; ; failures++)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                            answer = completion.Content[0].Text;
                            break;
                        }
                        catch (ClientResultException ex) when (failures + 1 < 6 && IsRetryable(ex))
                        {
                            Thread.Sleep(GetRetryDelay(failures + 1, GetRetryAfter(ex)));
                        }
                        catch (TaskCanceledException) when (failures + 1 < 6)
                        {
                            Thread.Sleep(GetRetryDelay(failures + 1, null));
                        }
                    }

                    Console.WriteLine("succeeded after " + failures + " failures");
                    return answer;
                }

            {{ExpectedHelpers.IsRetryableClientResult}}

            {{ExpectedHelpers.GetRetryAfterClientResult}}

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.NetStandard20);

        /// <summary>The end-to-end Anthropic loop: the for header's 1-based counter is read by interpolated logging, copied into both generated catches.</summary>
        [Fact]
        public Task Counter_OneBased_InterpolatedLog_Anthropic() => CheckAsync(
            """
            using System;
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Core;
            using Anthropic.Models.Messages;

            public static class Scenario
            {
                public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
                {
                    var client = new AnthropicClient(new ClientOptions { BaseUrl = baseUrl, ApiKey = "test-key", MaxRetries = 0 });
                    var request = new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 64,
                        Messages = [new UserMessageParam { Content = "Say pong." }],
                    };

                    {|TR0007:{|TR0005:{|TR0004:for|}|}|} (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            Message message = await client.Messages.Create(request, ct);
                            return message.Content[0].TryPickText(out TextBlock text) ? text.Text : "";
                        }
                        {|TR0001:catch|} (Exception ex) when (ex is not OperationCanceledException)
                        {
                            Debug.WriteLine($"attempt {attempt} failed: {ex.Message}");
                            Thread.Sleep(15);
                        }
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Core;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public static class Scenario
            {
                public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
                {
                    var client = new AnthropicClient(new ClientOptions { BaseUrl = baseUrl, ApiKey = "test-key", MaxRetries = 0 });
                    var request = new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 64,
                        Messages = [new UserMessageParam { Content = "Say pong." }],
                    };

                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            Message message = await client.Messages.Create(request, ct);
                            return message.Content[0].TryPickText(out TextBlock text) ? text.Text : "";
                        }
                        catch (AnthropicException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            Debug.WriteLine($"attempt {attempt} failed: {ex.Message}");
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                        }
                        catch (TaskCanceledException ex) when (attempt < 6 && !ct.IsCancellationRequested)
                        {
                            Debug.WriteLine($"attempt {attempt} failed: {ex.Message}");
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableAnthropic}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>The end-to-end HttpClient loop: no try, retried while !IsSuccessStatusCode. The send alone goes in a try (network failures and timeouts retried); a terminal status or the last attempt throws through EnsureSuccessStatusCode; otherwise the response is disposed and the loop backs off, honouring Retry-After.</summary>
        [Fact]
        public Task Status_SuccessCheck_WhileTrue_CSharp73_Net48() => CheckAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Scenario
            {
                private const string Payload = "{}";

                public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
                {
                    using (var http = new HttpClient())
                    {
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-key");
                        {|TR0005:{|TR0004:while|}|} (true)
                        {
                            var content = new StringContent(Payload, Encoding.UTF8, "application/json");
                            HttpResponseMessage response = await http.PostAsync(baseUrl + "/v1/chat/completions", content, ct);
                            if ({|TR0003:response.IsSuccessStatusCode|})
                            {
                                return await response.Content.ReadAsStringAsync();
                            }

                            // Not OK yet (busy, rate limited, ...): try again shortly.
                            await Task.Delay(15, ct);
                        }
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Scenario
            {
                private const string Payload = "{}";

                public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
                {
                    using (var http = new HttpClient())
                    {
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-key");
                        for (int attempt = 1; ; attempt++)
                        {
                            var content = new StringContent(Payload, Encoding.UTF8, "application/json");
                            HttpResponseMessage response;
                            try
                            {
                                response = await http.PostAsync(baseUrl + "/v1/chat/completions", content, ct);
                            }
                            catch (HttpRequestException) when (attempt < 6)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                                continue;
                            }
                            catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                                continue;
                            }

                            if (response.IsSuccessStatusCode)
                            {
                                return await response.Content.ReadAsStringAsync();
                            }

                            // Not OK yet (busy, rate limited, ...): try again shortly.
                            var body = await response.Content.ReadAsStringAsync();
                            if (attempt >= 6 || !IsRetryable(response, body))
                            {
                                response.EnsureSuccessStatusCode();
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            await Task.Delay(GetRetryDelay(attempt, retryAfter), ct);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48);

        /// <summary>if (!response.IsSuccessStatusCode) { log; wait; continue; }: the failure code goes at the end of that block, before a continue; the 0-based counter the log reads stays.</summary>
        [Fact]
        public Task Status_NegatedCheckContinues_ZeroBasedCounter() => CheckAsync(
            """
            using System.Diagnostics;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string> GetAsync(string url, CancellationToken ct)
                {
                    {|TR0008:{|TR0005:for|}|} (int attempt = 0; attempt < 5; attempt++)
                    {
                        var response = await _http.GetAsync(url, ct).ConfigureAwait(false);
                        if ({|TR0003:!response.IsSuccessStatusCode|})
                        {
                            Trace.TraceWarning("Attempt {0} failed with {1}", attempt, response.StatusCode);
                            await Task.Delay(1000, ct).ConfigureAwait(false);
                            continue;
                        }

                        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    }

                    return null;
                }
            }
            """,
            $$"""
            using System;
            using System.Diagnostics;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string> GetAsync(string url, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.GetAsync(url, ct).ConfigureAwait(false);
                        }
                        catch (HttpRequestException) when (attempt + 1 < 6)
                        {
                            await Task.Delay(GetRetryDelay(attempt + 1, null), ct).ConfigureAwait(false);
                            continue;
                        }
                        catch (TaskCanceledException) when (attempt + 1 < 6 && !ct.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt + 1, null), ct).ConfigureAwait(false);
                            continue;
                        }

                        if (!response.IsSuccessStatusCode)
                        {
                            Trace.TraceWarning("Attempt {0} failed with {1}", attempt, response.StatusCode);
                            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            if (attempt + 1 >= 6 || !IsRetryable(response, body))
                            {
                                response.EnsureSuccessStatusCode();
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            await Task.Delay(GetRetryDelay(attempt + 1, retryAfter), ct).ConfigureAwait(false);
                            continue;
                        }

                        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    }
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>
        /// 'using var response = await …' cannot be split around a try: the send stays as written (so, as before, a failure to
        /// get any response propagates), and every failing status still goes through the failure code before the using disposes it.
        /// </summary>
        [Fact]
        public Task Status_UsingDeclarationSend_StaysOutsideTheTry() => CheckAsync(
            """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string> GetAsync(string url, CancellationToken ct)
                {
                    {|TR0004:{|TR0005:while|}|} (true)
                    {
                        using var response = await _http.GetAsync(url, ct);
                        if ({|TR0003:response.IsSuccessStatusCode|})
                        {
                            return await response.Content.ReadAsStringAsync(ct);
                        }

                        await Task.Delay(1000, ct);
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string> GetAsync(string url, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        using var response = await _http.GetAsync(url, ct);
                        if (response.IsSuccessStatusCode)
                        {
                            return await response.Content.ReadAsStringAsync(ct);
                        }

                        var body = await response.Content.ReadAsStringAsync();
                        if (attempt >= 6 || !IsRetryable(response, body))
                        {
                            response.EnsureSuccessStatusCode();
                        }

                        var retryAfter = GetRetryAfter(response);
                        response.Dispose();
                        await Task.Delay(GetRetryDelay(attempt, retryAfter), ct);
                    }
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>A handler that returns the response: the last (or a terminal) failing response is returned, not thrown, and the placeholder after the loop goes.</summary>
        [Fact]
        public Task Status_DelegatingHandler_ReturnsTheLastResponse() => CheckAsync(
            """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class RetryHandler : DelegatingHandler
            {
                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    HttpResponseMessage response = null;
                    {|TR0005:for|} (int i = 0; i < 3; i++)
                    {
                        response = await base.SendAsync(request, cancellationToken);
                        if (response.IsSuccessStatusCode)
                        {
                            return response;
                        }
                        await Task.Delay(1000, cancellationToken);
                    }

                    return response;
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class RetryHandler : DelegatingHandler
            {
                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    HttpResponseMessage response = null;
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            response = await base.SendAsync(request, cancellationToken);
                        }
                        catch (HttpRequestException) when (attempt < 6)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), cancellationToken);
                            continue;
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !cancellationToken.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), cancellationToken);
                            continue;
                        }

                        if (response.IsSuccessStatusCode)
                        {
                            return response;
                        }

                        var body = await response.Content.ReadAsStringAsync();
                        if (attempt >= 6 || !IsRetryable(response, body))
                        {
                            return response;
                        }

                        var retryAfter = GetRetryAfter(response);
                        response.Dispose();
                        await Task.Delay(GetRetryDelay(attempt, retryAfter), cancellationToken);
                    }
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.NetStandard20);

        /// <summary>do { response = …; } while (!response.IsSuccessStatusCode): the new loop breaks out on success and the code after it reads the response as before.</summary>
        [Fact]
        public Task Status_DoWhile_BreaksOnSuccess() => CheckAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            class Api
            {
                public async Task<string> GetAsync(HttpClient http, string url)
                {
                    HttpResponseMessage response;
                    {|TR0005:{|TR0004:do|}|}
                    {
                        response = await http.GetAsync(url);
                        if (!response.IsSuccessStatusCode)
                            await Task.Delay(2000);
                    }
                    while ({|TR0003:!response.IsSuccessStatusCode|});

                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                public async Task<string> GetAsync(HttpClient http, string url)
                {
                    HttpResponseMessage response;
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            response = await http.GetAsync(url);
                        }
                        catch (HttpRequestException) when (attempt < 6)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                            continue;
                        }
                        catch (TaskCanceledException) when (attempt < 6)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                            continue;
                        }

                        if (response.IsSuccessStatusCode)
                        {
                            break;
                        }

                        var body = await response.Content.ReadAsStringAsync();
                        if (attempt >= 6 || !IsRetryable(response, body))
                        {
                            response.EnsureSuccessStatusCode();
                        }

                        var retryAfter = GetRetryAfter(response);
                        response.Dispose();
                        await Task.Delay(GetRetryDelay(attempt, retryAfter), CancellationToken.None);
                    }

                    return await response.Content.ReadAsStringAsync();
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>Synchronous, with the failure path in an else block: Thread.Sleep, and the body read with GetAwaiter().GetResult().</summary>
        [Fact]
        public Task Status_Sync_ElseBranch_CSharp73_Net48() => CheckAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading;

            class Api
            {
                public string Get(HttpClient http, string url)
                {
                    {|TR0005:{|TR0004:while|}|} (true)
                    {
                        var response = http.GetAsync(url).GetAwaiter().GetResult();
                        if ({|TR0003:response.IsSuccessStatusCode|})
                        {
                            return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                        }
                        else
                        {
                            Console.WriteLine("status " + (int)response.StatusCode);
                            Thread.Sleep(1000);
                        }
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                public string Get(HttpClient http, string url)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = http.GetAsync(url).GetAwaiter().GetResult();
                        }
                        catch (HttpRequestException) when (attempt < 6)
                        {
                            Thread.Sleep(GetRetryDelay(attempt, null));
                            continue;
                        }
                        catch (TaskCanceledException) when (attempt < 6)
                        {
                            Thread.Sleep(GetRetryDelay(attempt, null));
                            continue;
                        }

                        if (response.IsSuccessStatusCode)
                        {
                            return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                        }
                        else
                        {
                            Console.WriteLine("status " + (int)response.StatusCode);
                            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                            if (attempt >= 6 || !IsRetryable(response, body))
                            {
                                response.EnsureSuccessStatusCode();
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            Thread.Sleep(GetRetryDelay(attempt, retryAfter));
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48);

        /// <summary>A foreach over clients is a failover loop: the loop stays and the catch-all is narrowed to the failures another endpoint may not have.</summary>
        [Fact]
        public Task Failover_Foreach_CatchAll_NarrowedToTheFamily() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using OpenAI.Chat;

            class Failover
            {
                public string Ask(IEnumerable<ChatClient> clients, string prompt)
                {
                    foreach (var client in clients)
                    {
                        try
                        {
                            ChatCompletion completion = client.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        {|TR0001:catch|} (Exception)
                        {
                        }
                    }

                    throw new InvalidOperationException("every endpoint failed");
                }
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Failover
            {
                public string Ask(IEnumerable<ChatClient> clients, string prompt)
                {
                    foreach (var client in clients)
                    {
                        try
                        {
                            ChatCompletion completion = client.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ShouldFailOver(ex))
                        {
                        }
                        catch (TaskCanceledException)
                        {
                        }
                    }

                    throw new InvalidOperationException("every endpoint failed");
                }

            {{ExpectedHelpers.ShouldFailOverClientResult}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>A failover over Anthropic clients that collects the failures: the body is kept in both clauses (it only uses Exception), 400-404 now propagate.</summary>
        [Fact]
        public Task Failover_Anthropic_BodyKeepsTheException() => CheckAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            class Keys
            {
                public async Task<Message> SendAsync(IReadOnlyList<AnthropicClient> clients, MessageCreateParams request, CancellationToken ct)
                {
                    var errors = new List<Exception>();
                    foreach (var client in clients)
                    {
                        try
                        {
                            return await client.Messages.Create(request, ct);
                        }
                        {|TR0003:catch|} (AnthropicException ex)
                        {
                            errors.Add(ex);
                        }
                    }

                    throw new AggregateException(errors);
                }
            }
            """,
            """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            class Keys
            {
                public async Task<Message> SendAsync(IReadOnlyList<AnthropicClient> clients, MessageCreateParams request, CancellationToken ct)
                {
                    var errors = new List<Exception>();
                    foreach (var client in clients)
                    {
                        try
                        {
                            return await client.Messages.Create(request, ct);
                        }
                        catch (AnthropicException ex) when (ShouldFailOver(ex))
                        {
                            errors.Add(ex);
                        }
                        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
                        {
                            errors.Add(ex);
                        }
                    }

                    throw new AggregateException(errors);
                }

                // Another key or endpoint may succeed where this one is unreachable, overloaded, rate limited or out of quota; 400-404 are the request's own fault.
                private static bool ShouldFailOver(AnthropicException ex)
                {
                    var apiError = ex as AnthropicApiException;
                    if (apiError == null)
                    {
                        return ex is AnthropicIOException; // no response came back: a network failure
                    }

                    var status = (int)apiError.StatusCode;
                    return status == 408 || status == 429 || status >= 500;
                }
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>A for loop indexing the clients is a failover too (the counter indexes the attempt, so it is not a retry counter); a filter that only tests the type gives way to the family's.</summary>
        [Fact]
        public Task Failover_ForIndex_TypeTestFilterGivesWay_CSharp73_Net48() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using OpenAI.Chat;

            class Failover
            {
                public string Ask(ChatClient[] clients, string prompt)
                {
                    for (int i = 0; i < clients.Length; i++)
                    {
                        try
                        {
                            ChatCompletion completion = clients[i].CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        {|TR0003:catch|} (ClientResultException ex) when (!(ex is null))
                        {
                            Console.WriteLine("endpoint " + i + " failed: " + ex.Message);
                        }
                    }

                    throw new InvalidOperationException("every endpoint failed");
                }
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Failover
            {
                public string Ask(ChatClient[] clients, string prompt)
                {
                    for (int i = 0; i < clients.Length; i++)
                    {
                        try
                        {
                            ChatCompletion completion = clients[i].CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ShouldFailOver(ex))
                        {
                            Console.WriteLine("endpoint " + i + " failed: " + ex.Message);
                        }
                        catch (TaskCanceledException ex)
                        {
                            Console.WriteLine("endpoint " + i + " failed: " + ex.Message);
                        }
                    }

                    throw new InvalidOperationException("every endpoint failed");
                }

            {{ExpectedHelpers.ShouldFailOverClientResult}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48);

        /// <summary>A method that calls itself from its catch with attempt + 1: the body becomes the loop, the budget parameter its counter (same signature, same numbers in the log).</summary>
        [Fact]
        public Task Recursion_CountUpBudget_BecomesTheLoopCounter_CSharp73_Net48() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Recursive
            {
                private const int MaxRetries = 3;

                public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct, int attempt = 0)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                        return completion.Content[0].Text;
                    }
                    {|TR0003:catch|} (ClientResultException ex) when (attempt < MaxRetries)
                    {
                        Console.WriteLine("attempt " + attempt + " failed: " + ex.Status);
                        await Task.Delay(1000, ct);
                        return await {|TR0005:AskAsync(chat, prompt, ct, attempt + 1)|};
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Recursive
            {
                private const int MaxRetries = 3;

                public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct, int attempt = 0)
                {
                    for (; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt + 1 < 6 && IsRetryable(ex))
                        {
                            Console.WriteLine("attempt " + attempt + " failed: " + ex.Status);
                            await Task.Delay(GetRetryDelay(attempt + 1, GetRetryAfter(ex)), ct);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableClientResult}}

            {{ExpectedHelpers.GetRetryAfterClientResult}}

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48);

        /// <summary>The filter lets the last failure out before the loop condition can fail, so the throw after the loop is dead code (there for the compiler) and goes, with the constant only the old bound read.</summary>
        [Fact]
        public Task DeadThrowAfterTheLoop_AndTheBoundConstant_Go() => CheckAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            class Classifier
            {
                private static readonly Random Rng = new Random();
                private readonly AnthropicClient _client;

                public Classifier(AnthropicClient client) { _client = client; }

                public async Task<Message> ClassifyAsync(MessageCreateParams request, CancellationToken ct)
                {
                    const int maxAttempts = 5;
                    for (int attempt = 0; attempt < maxAttempts; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        {|TR0001:catch|} (Exception ex) when (!(ex is OperationCanceledException) && attempt < maxAttempts - 1)
                        {
                            var backoff = Math.Min(30000, 500 * Math.Pow(2, attempt));
                            await Task.Delay(TimeSpan.FromMilliseconds(backoff * Rng.NextDouble()), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """,
            $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            class Classifier
            {
                private static readonly Random Rng = new Random();
                private readonly AnthropicClient _client;

                public Classifier(AnthropicClient client) { _client = client; }

                public async Task<Message> ClassifyAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableAnthropic}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>if ((status == 429 || status >= 500) &amp;&amp; attempt &lt; max) { …; continue; }: the branch now takes every failure and the failure code picks what is worth another attempt; the status local only that condition read goes.</summary>
        [Fact]
        public Task Status_BranchOnChosenStatuses_BecomesAFailureBranch_CSharp73_Net48() => CheckAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Completions
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public Completions(HttpClient http) { _http = http; }

                public async Task<string> PostAsync(Func<HttpContent> body, CancellationToken ct)
                {
                    const int maxAttempts = 4;
                    for (int attempt = 1; attempt <= maxAttempts; attempt++)
                    {
                        HttpResponseMessage response = await _http.PostAsync("v1/completions", body(), ct);
                        int status = (int)response.StatusCode;
                        if ({|TR0002:(status == 429 || status >= 500) && attempt < maxAttempts|})
                        {
                            response.Dispose();
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Completions
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public Completions(HttpClient http) { _http = http; }

                public async Task<string> PostAsync(Func<HttpContent> body, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("v1/completions", body(), ct);
                        }
                        catch (HttpRequestException) when (attempt < 6)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                            continue;
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                            continue;
                        }

                        if (!response.IsSuccessStatusCode)
                        {
                            var responseBody = await response.Content.ReadAsStringAsync();
                            if (attempt >= 6 || !IsRetryable(response, responseBody))
                            {
                                response.EnsureSuccessStatusCode();
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            await Task.Delay(GetRetryDelay(attempt, retryAfter), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48);

        /// <summary>Kept logging reads AnthropicApiException members: the generated clause keeps that type (the family helper accepts it); the guard that rethrows on the last attempt is machinery.</summary>
        [Fact]
        public Task KeptCodeReadsTheNarrowerCaughtType_KeepsIt() => CheckAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            class Reviewer
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Reviewer(AnthropicClient client) { _client = client; }

                public async Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 4; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        {|TR0003:catch|} (AnthropicApiException ex)
                        {
                            if (attempt == 4)
                                throw;
                            Console.WriteLine("Claude returned " + (int)ex.StatusCode + " (request " + ex.RequestID + ")");
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Jitter.NextDouble()), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """,
            $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            class Reviewer
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Reviewer(AnthropicClient client) { _client = client; }

                public async Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicApiException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            Console.WriteLine("Claude returned " + (int)ex.StatusCode + " (request " + ex.RequestID + ")");
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableAnthropic}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>The try wraps only the send and its catch goes round with continue: the statements after the try are the success path and stay; the generated catches go round with continue too.</summary>
        [Fact]
        public Task SendOnlyTry_SuccessPathAfterTheTry() => CheckAsync(
            """
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            class Indexer
            {
                private readonly HttpClient _http;

                public Indexer(HttpClient http) { _http = http; }

                public async Task<string> IndexAsync(string json, CancellationToken ct)
                {
                    var delay = TimeSpan.FromMilliseconds(250);
                    {|TR0006:for|} (int attempt = 1; attempt <= 6; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("v1/vector_stores/files", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        }
                        catch (HttpRequestException) when (attempt < 6)
                        {
                            await Task.Delay(delay, ct);
                            delay = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * 2);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            class Indexer
            {
                private readonly HttpClient _http;

                public Indexer(HttpClient http) { _http = http; }

                public async Task<string> IndexAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("v1/vector_stores/files", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        }
                        catch (HttpRequestException) when (attempt < 6)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                            continue;
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                }

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80);

        /// <summary>foreach (int attempt in Enumerable.Range(1, 3)) counts attempts: it becomes the for loop, the logging keeps its 1-based numbers.</summary>
        [Fact]
        public Task ForeachOverRange_IsACountedLoop_CSharp73_NetStandard20() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Tweeter
            {
                private readonly ChatClient _chat;

                public Tweeter(ChatClient chat) { _chat = chat; }

                public async Task<string> ComposeAsync(string topic, CancellationToken ct)
                {
                    {|TR0008:{|TR0005:foreach|}|} (int attempt in Enumerable.Range(1, 3))
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Tweet about " + topic) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429)
                        {
                            Console.WriteLine("rate limited on attempt " + attempt);
                            await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct);
                        }
                    }

                    return null;
                }
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Globalization;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Tweeter
            {
                private readonly ChatClient _chat;

                public Tweeter(ChatClient chat) { _chat = chat; }

                public async Task<string> ComposeAsync(string topic, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Tweet about " + topic) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            Console.WriteLine("rate limited on attempt " + attempt);
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested)
                        {
                            Console.WriteLine("rate limited on attempt " + attempt);
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableClientResult}}

            {{ExpectedHelpers.GetRetryAfterClientResult}}

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.NetStandard20);

        /// <summary>The filter (attempt &lt; 5) outlasts the loop condition (attempt &lt;= 4): the loop can run out and reach its own exception, so the exception stays and the new loop runs out into it.</summary>
        [Fact]
        public async Task FilterOutlastsTheLoopCondition_OwnExceptionIsKept()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Summaries
                {
                    private readonly ChatClient _chat;

                    public Summaries(ChatClient chat) { _chat = chat; }

                    public async Task<string> SummarizeAsync(string text, CancellationToken ct)
                    {
                        {|TR0005:for|} (int attempt = 1; attempt <= 4; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(text) }, null, ct);
                                return completion.Content[0].Text;
                            }
                            {|TR0003:catch|} (ClientResultException) when (attempt < 5)
                            {
                                await Task.Delay(1000, ct);
                            }
                        }

                        throw new InvalidOperationException("the summary service kept failing");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Summaries
                {
                    private readonly ChatClient _chat;

                    public Summaries(ChatClient chat) { _chat = chat; }

                    public async Task<string> SummarizeAsync(string text, CancellationToken ct)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(text) }, null, ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                                }
                            }
                            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                            {
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, null), ct);
                                }
                            }
                        }

                        throw new InvalidOperationException("the summary service kept failing");
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
        }

        /// <summary>Fix All over a status-check loop, a counter-reading loop, a failover and a recursive retry in one class: helpers once, same as one by one.</summary>
        [Fact]
        public async Task FixAll_StatusCounterFailoverAndRecursion_ShareHelpers()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Mixed
                {
                    private readonly HttpClient _http = new HttpClient();

                    public async Task<string> GetAsync(string url, CancellationToken ct)
                    {
                        {|TR0005:{|TR0004:while|}|} (true)
                        {
                            var response = await _http.GetAsync(url, ct);
                            if ({|TR0003:response.IsSuccessStatusCode|})
                            {
                                return await response.Content.ReadAsStringAsync();
                            }

                            await Task.Delay(500, ct);
                        }
                    }

                    public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct)
                    {
                        {|TR0008:{|TR0005:for|}|} (int attempt = 0; attempt < 4; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                                return completion.Content[0].Text;
                            }
                            {|TR0001:catch|} (Exception ex)
                            {
                                Console.WriteLine("attempt " + attempt + ": " + ex.Message);
                                await Task.Delay(1000, ct);
                            }
                        }

                        return null;
                    }

                    public string AskAny(IEnumerable<ChatClient> clients, string prompt)
                    {
                        foreach (var client in clients)
                        {
                            try
                            {
                                return client.CompleteChat(new UserChatMessage(prompt)).Value.Content[0].Text;
                            }
                            {|TR0003:catch|} (ClientResultException)
                            {
                            }
                        }

                        throw new InvalidOperationException("no client answered");
                    }

                    public string AskAgain(ChatClient chat, string prompt, int attempt = 1)
                    {
                        try
                        {
                            return chat.CompleteChat(new UserChatMessage(prompt)).Value.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 && attempt < 3)
                        {
                            Thread.Sleep(1000 * attempt);
                            return {|TR0005:AskAgain(chat, prompt, attempt + 1)|};
                        }
                    }
                }
                """;
            var fixedSource = $$"""
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Globalization;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Mixed
                {
                    private readonly HttpClient _http = new HttpClient();

                    public async Task<string> GetAsync(string url, CancellationToken ct)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage response;
                            try
                            {
                                response = await _http.GetAsync(url, ct);
                            }
                            catch (HttpRequestException) when (attempt < 6)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                                continue;
                            }
                            catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                                continue;
                            }

                            if (response.IsSuccessStatusCode)
                            {
                                return await response.Content.ReadAsStringAsync();
                            }

                            var body = await response.Content.ReadAsStringAsync();
                            if (attempt >= 6 || !IsRetryable(response, body))
                            {
                                response.EnsureSuccessStatusCode();
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            await Task.Delay(GetRetryDelay(attempt, retryAfter), ct);
                        }
                    }

                    public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct)
                    {
                        for (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt + 1 < 6 && IsRetryable(ex))
                            {
                                Console.WriteLine("attempt " + attempt + ": " + ex.Message);
                                await Task.Delay(GetRetryDelay(attempt + 1, GetRetryAfter(ex)), ct);
                            }
                            catch (TaskCanceledException ex) when (attempt + 1 < 6 && !ct.IsCancellationRequested)
                            {
                                Console.WriteLine("attempt " + attempt + ": " + ex.Message);
                                await Task.Delay(GetRetryDelay(attempt + 1, null), ct);
                            }
                        }
                    }

                    public string AskAny(IEnumerable<ChatClient> clients, string prompt)
                    {
                        foreach (var client in clients)
                        {
                            try
                            {
                                return client.CompleteChat(new UserChatMessage(prompt)).Value.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (ShouldFailOver(ex))
                            {
                            }
                            catch (TaskCanceledException)
                            {
                            }
                        }

                        throw new InvalidOperationException("no client answered");
                    }

                    public string AskAgain(ChatClient chat, string prompt, int attempt = 1)
                    {
                        for (; ; attempt++)
                        {
                            try
                            {
                                return chat.CompleteChat(new UserChatMessage(prompt)).Value.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                            {
                                Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                            }
                            catch (TaskCanceledException) when (attempt < 6)
                            {
                                Thread.Sleep(GetRetryDelay(attempt, null));
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.ShouldFailOverClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key, fixAll: true);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key);
        }

        /// <summary>The attempt logs the counter before it goes up and the catch after: no single numbering keeps both, so the counter stays the user's (declaration and increment kept) and the new loop counts attempts by itself.</summary>
        [Fact]
        public async Task CounterReadBeforeAndAfterItGoesUp_StaysTheUsersCount()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Logged
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        int attempt = 0;
                        {|TR0005:{|TR0004:while|}|} (true)
                        {
                            try
                            {
                                Console.WriteLine("sending attempt " + attempt);
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            {|TR0003:catch|} (ClientResultException ex)
                            {
                                attempt++;
                                Console.WriteLine("attempt " + attempt + " failed: " + ex.Status);
                                Thread.Sleep(1000);
                            }
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using OpenAI.Chat;

                class Logged
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        int attempt = 0;
                        for (int attemptNumber = 1; ; attemptNumber++)
                        {
                            try
                            {
                                Console.WriteLine("sending attempt " + attempt);
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attemptNumber < 6 && IsRetryable(ex))
                            {
                                attempt++;
                                Console.WriteLine("attempt " + attempt + " failed: " + ex.Status);
                                Thread.Sleep(GetRetryDelay(attemptNumber, GetRetryAfter(ex)));
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
        }

        /// <summary>A count-down budget that kept logging reports is the user's number: its declaration and decrement stay (its start set to max_attempts, so 'retries left' stays true) and the new loop counts attempts itself.</summary>
        [Fact]
        public async Task CountDownBudgetReadByKeptCode_StaysTheUsersNumber()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Logged
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        int retriesLeft = 3;
                        {|TR0008:{|TR0005:while|}|} (retriesLeft > 0)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            {|TR0003:catch|} (ClientResultException ex)
                            {
                                retriesLeft--;
                                Console.WriteLine(retriesLeft + " retries left after " + ex.Status);
                                Thread.Sleep(1000);
                            }
                        }

                        return null;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using OpenAI.Chat;

                class Logged
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        int retriesLeft = 6;
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                            {
                                retriesLeft--;
                                Console.WriteLine(retriesLeft + " retries left after " + ex.Status);
                                Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
        }

        /// <summary>A status-check loop over a client other than HttpClient: no helper knows how to read its status and body.</summary>
        [Fact]
        public async Task NoFix_StatusCheckOfAnotherClient()
        {
            var source = """
                using System.Net;
                using System.Threading;
                using System.Threading.Tasks;

                class RestResult
                {
                    public HttpStatusCode StatusCode { get; set; }
                    public bool IsSuccessful { get; set; }
                    public string Content { get; set; }
                }

                interface IRestClient
                {
                    Task<RestResult> ExecuteAsync(string resource, CancellationToken ct);
                }

                class Api
                {
                    public async Task<string> GetAsync(IRestClient client, string resource, CancellationToken ct)
                    {
                        {|TR0005:{|TR0004:while|}|} (true)
                        {
                            var result = await client.ExecuteAsync(resource, ct);
                            if ({|TR0003:result.IsSuccessful|})
                            {
                                return result.Content;
                            }

                            await Task.Delay(1000, ct);
                        }
                    }
                }
                """;
            await FixHarness.NoFixAsync<BackoffRewriteCodeFixProvider>(source, Key, because: "status-check retries are rewritten only around an HttpClient request");
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, source, Key);
        }
    }
}
