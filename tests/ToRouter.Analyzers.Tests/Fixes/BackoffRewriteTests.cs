using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.CodeFixes;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>
    /// "Rewrite as bounded exponential backoff" (TR.RewriteAsBoundedBackoff): the exact fixed source per client family,
    /// sync/async, C# 7.3 / latest and target framework. Each case runs twice: through <see cref="FixHarness"/> (diagnostics
    /// placed by the markup; the output must compile with no new warnings) and end to end through the analyzer with
    /// <see cref="Verify"/>, which also checks the analyzer is quiet on the fixed code and that Fix All gives the same result.
    /// </summary>
    public class BackoffRewriteTests
    {
        private const string Key = BackoffRewriteCodeFixProvider.Key;

        private static async Task CheckAsync(string source, string fixedSource, LanguageVersion languageVersion, TargetFramework framework, string editorConfig = null)
        {
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key, languageVersion, editorConfig, fixAll: false, framework);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key, languageVersion, editorConfig, framework);
        }

        /// <summary>OpenAI ChatClient, async, C# latest: every exception retried forever with Thread.Sleep.</summary>
        [Fact]
        public Task OpenAI_Async_CatchAll_ThreadSleep_WhileTrue() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Assistant
            {
                private readonly ChatClient _chat;

                public Assistant(ChatClient chat) => _chat = chat;

                public async Task<string> AskAsync(string prompt, CancellationToken cancellationToken)
                {
                    int attempt = 0;
                    {|TR0004:{|TR0005:{|TR0007:while|}|}|} (true)
                    {
                        try
                        {
                            // one call per attempt
                            ChatCompletion completion = await _chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: cancellationToken);
                            return completion.Content[0].Text;
                        }
                        {|TR0001:catch|} (Exception)
                        {
                            attempt++;
                            Thread.Sleep(1000);
                        }
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

            class Assistant
            {
                private readonly ChatClient _chat;

                public Assistant(ChatClient chat) => _chat = chat;

                public async Task<string> AskAsync(string prompt, CancellationToken cancellationToken)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            // one call per attempt
                            ChatCompletion completion = await _chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: cancellationToken);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), cancellationToken);
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !cancellationToken.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), cancellationToken);
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
            TargetFramework.Net80,
            null);

        /// <summary>OpenAI, synchronous, C# 7.3 on .NET Framework 4.8: a goto retry that retries sticky 429s.</summary>
        [Fact]
        public Task OpenAI_Sync_CSharp73_Net48_GotoRetry() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            class Sync
            {
                public string Ask(ChatClient chat, string prompt)
                {
                    var tries = 0;
                {|TR0005:again|}:
                    try
                    {
                        ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429)
                    {
                        tries++;
                        if (tries > 3) throw;
                        Thread.Sleep(1000);
                        goto again;
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

            class Sync
            {
                public string Ask(ChatClient chat, string prompt)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
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

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48,
            null);

        /// <summary>Anthropic, async, C# 7.3 on .NET Framework 4.8, no CancellationToken in scope: a catch-all loop that returns null.</summary>
        [Fact]
        public Task Anthropic_Async_CSharp73_Net48_PlaceholderReturn() => CheckAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            class Claude
            {
                public async Task<Message> SendAsync(AnthropicClient client, MessageCreateParams request)
                {
                    {|TR0006:{|TR0008:for|}|} (int i = 0; i < 5; i++)
                    {
                        try
                        {
                            return await client.Messages.Create(request);
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(1000 * (int)Math.Pow(2, i));
                        }
                    }

                    return null;
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

            class Claude
            {
                public async Task<Message> SendAsync(AnthropicClient client, MessageCreateParams request)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await client.Messages.Create(request);
                        }
                        catch (AnthropicException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                        }
                        catch (TaskCanceledException ex) when (attempt < 6)
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableAnthropic}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48,
            null);

        /// <summary>Azure.Core RequestFailedException, synchronous, C# 7.3 on netstandard2.0: a success flag becomes a break.</summary>
        [Fact]
        public Task AzureCore_Sync_CSharp73_NetStandard20_SuccessFlag() => CheckAsync(
            """
            using System;
            using System.Threading;
            using Azure;

            class Blob
            {
                public string Load(Func<Response<string>> call)
                {
                    int attempts = 0;
                    bool done = false;
                    string result = null;
                    {|TR0005:{|TR0008:while|}|} (!done && attempts < 4)
                    {
                        try
                        {
                            result = call().Value;
                            done = true;
                        }
                        {|TR0003:catch|} (RequestFailedException)
                        {
                            attempts++;
                            Thread.Sleep(500);
                        }
                    }

                    return result;
                }
            }
            """,
            $$"""
            using System;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure;

            class Blob
            {
                public string Load(Func<Response<string>> call)
                {
                    string result = null;
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            result = call().Value;
                            break;
                        }
                        catch (RequestFailedException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                        }
                        catch (TaskCanceledException) when (attempt < 6)
                        {
                            Thread.Sleep(GetRetryDelay(attempt, null));
                        }
                    }

                    return result;
                }

            {{ExpectedHelpers.IsRetryableAzure}}

            {{ExpectedHelpers.GetRetryAfterAzure}}

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.NetStandard20,
            null);

        /// <summary>Semantic Kernel: HttpOperationException (and the raw ClientResultException of the IChatClient path).</summary>
        [Fact]
        public Task SemanticKernel_Async_GotoRetry() => CheckAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            class Kernelish
            {
                async Task<string> AskAsync(IChatCompletionService chat, ChatHistory history, CancellationToken token)
                {
                    var attempt = 0;
                    {|TR0005:retry|}:
                    try
                    {
                        var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: token);
                        return reply.Content;
                    }
                    {|TR0002:catch|} (HttpOperationException ex) when (ex.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                    {
                        if (++attempt < 3)
                        {
                            await Task.Delay(1000, token);
                            goto retry;
                        }

                        throw;
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
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            class Kernelish
            {
                async Task<string> AskAsync(IChatCompletionService chat, ChatHistory history, CancellationToken token)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: token);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), token);
                        }
                        catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), token);
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !token.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), token);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableClientResult}}

            {{ExpectedHelpers.GetRetryAfterClientResult}}

            {{ExpectedHelpers.IsRetryableSemanticKernel}}

                private static TimeSpan? GetRetryAfter(HttpOperationException ex)
                {
                    var inner = ex.InnerException as ClientResultException;
                    return inner == null ? null : GetRetryAfter(inner);
                }

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80,
            null);

        /// <summary>HttpClient, async with ConfigureAwait(false): status and body are read before EnsureSuccessStatusCode; kept logging is copied to both catches.</summary>
        [Fact]
        public Task HttpClient_Async_ReadsStatusAndBodyBeforeEnsureSuccess() => CheckAsync(
            """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Gateway
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string> PostAsync(string url, string json, CancellationToken ct)
                {
                    var retries = 3;
                    {|TR0005:{|TR0008:while|}|} (retries > 0)
                    {
                        try
                        {
                            var response = await _http.PostAsync(url, new StringContent(json), ct).ConfigureAwait(false);
                            response.EnsureSuccessStatusCode();

                            // the body is the answer
                            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        }
                        {|TR0003:catch|} (HttpRequestException e)
                        {
                            System.Console.WriteLine("retrying: " + e.Message);
                            retries--;
                            await Task.Delay(2000, ct).ConfigureAwait(false);
                        }
                    }

                    return null;
                }
            }
            """,
            $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Gateway
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string> PostAsync(string url, string json, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage failedResponse = null;
                        string failedBody = null;

                        try
                        {
                            var response = await _http.PostAsync(url, new StringContent(json), ct).ConfigureAwait(false);
                            if (!response.IsSuccessStatusCode)
                            {
                                failedResponse = response;
                                failedBody = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            }

                            response.EnsureSuccessStatusCode();

                            // the body is the answer
                            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        }
                        catch (HttpRequestException e) when (attempt < 6 && IsRetryable(failedResponse, failedBody))
                        {
                            System.Console.WriteLine("retrying: " + e.Message);
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(failedResponse)), ct).ConfigureAwait(false);
                        }
                        catch (TaskCanceledException e) when (attempt < 6 && !ct.IsCancellationRequested)
                        {
                            System.Console.WriteLine("retrying: " + e.Message);
                            await Task.Delay(GetRetryDelay(attempt, null), ct).ConfigureAwait(false);
                        }
                    }
                }

            {{ExpectedHelpers.IsRetryableHttpResponse}}

            {{ExpectedHelpers.GetRetryAfterHttpResponse}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80,
            null);

        /// <summary>HttpClient, synchronous, C# 7.3 on .NET Framework 4.8, inside a using block.</summary>
        [Fact]
        public Task HttpClient_Sync_CSharp73_Net48() => CheckAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading;

            class Downloader
            {
                public string Download(HttpClient http, string url)
                {
                    int attempt = 0;
                    {|TR0005:while|} (true)
                    {
                        try
                        {
                            using (var response = http.GetAsync(url).Result)
                            {
                                response.EnsureSuccessStatusCode();
                                return response.Content.ReadAsStringAsync().Result;
                            }
                        }
                        {|TR0003:catch|} (HttpRequestException)
                        {
                            if (++attempt >= 3)
                            {
                                throw;
                            }

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

            class Downloader
            {
                public string Download(HttpClient http, string url)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage failedResponse = null;
                        string failedBody = null;

                        try
                        {
                            using (var response = http.GetAsync(url).Result)
                            {
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                                }

                                response.EnsureSuccessStatusCode();
                                return response.Content.ReadAsStringAsync().Result;
                            }
                        }
                        catch (HttpRequestException) when (attempt < 6 && IsRetryable(failedResponse, failedBody))
                        {
                            Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(failedResponse)));
                        }
                        catch (TaskCanceledException) when (attempt < 6)
                        {
                            Thread.Sleep(GetRetryDelay(attempt, null));
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
            TargetFramework.Net48,
            null);

        /// <summary>A client the fix does not know, #nullable enable: only network failures and timeouts are retried, and the comment says so.</summary>
        [Fact]
        public Task UnknownClient_Sync_NullableEnabled() => CheckAsync(
            """
            #nullable enable
            using System;
            using System.Threading;

            class Worker
            {
                public string Fetch(Func<string> load)
                {
                    {|TR0004:{|TR0005:while|}|} (true)
                    {
                        try
                        {
                            return load();
                        }
                        {|TR0001:catch|}
                        {
                            // wait a bit
                            Thread.Sleep(1000);
                        }
                    }
                }
            }
            """,
            $$"""
            #nullable enable
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Worker
            {
                public string Fetch(Func<string> load)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return load();
                        }
                        // The client is not one ToRouter.Analyzers recognises, so only network failures and timeouts are retried.
                        catch (Exception ex) when (attempt < 6 && ((ex is HttpRequestException requestError && requestError.StatusCode == null) || ex is IOException || ex is TimeoutException || ex is TaskCanceledException))
                        {
                            // wait a bit
                            Thread.Sleep(GetRetryDelay(attempt, null));
                        }
                    }
                }

            {{ExpectedHelpers.RetryDelay}}

                // One generator per thread: System.Random is not thread-safe.
                [ThreadStatic]
                private static Random? s_retryRandom;
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80,
            null);

        /// <summary>An unknown client on .NET Framework 4.8: HttpRequestException.StatusCode does not exist, so HttpRequestException is not retried at all.</summary>
        [Fact]
        public Task UnknownClient_Async_CSharp73_Net48_NoHttpStatusProperty() => CheckAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Worker
            {
                public async Task<string> FetchAsync(Func<CancellationToken, Task<string>> load, CancellationToken ct)
                {
                    {|TR0004:{|TR0005:while|}|} (true)
                    {
                        try
                        {
                            return await load(ct).ConfigureAwait(false);
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(500, ct).ConfigureAwait(false);
                        }
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Worker
            {
                public async Task<string> FetchAsync(Func<CancellationToken, Task<string>> load, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await load(ct).ConfigureAwait(false);
                        }
                        // The client is not one ToRouter.Analyzers recognises, so only network failures and timeouts are retried.
                        catch (Exception ex) when (attempt < 6 && (ex is IOException || ex is TimeoutException || (ex is TaskCanceledException && !ct.IsCancellationRequested)))
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(GetRetryDelay(attempt, null), ct).ConfigureAwait(false);
                        }
                    }
                }

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.CSharp7_3,
            TargetFramework.Net48,
            null);

        /// <summary>torouter.max_attempts, base_delay_ms, max_delay_ms and sticky_codes shape the generated code.</summary>
        [Fact]
        public Task Options_ShapeAttemptsDelaysAndStickyCodes() => CheckAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure;

            class Options
            {
                public async Task<string> LoadAsync(Func<CancellationToken, Task<Response<string>>> call, CancellationToken ct)
                {
                    {|TR0004:{|TR0005:while|}|} (true)
                    {
                        try
                        {
                            var response = await call(ct);
                            return response.Value;
                        }
                        {|TR0003:catch|} (RequestFailedException)
                        {
                            await Task.Delay(1000, ct);
                        }
                    }
                }
            }
            """,
            $$"""
            using System;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure;

            class Options
            {
                public async Task<string> LoadAsync(Func<CancellationToken, Task<Response<string>>> call, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            var response = await call(ct);
                            return response.Value;
                        }
                        catch (RequestFailedException ex) when (attempt < 3 && IsRetryable(ex))
                        {
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                        }
                        catch (TaskCanceledException) when (attempt < 3 && !ct.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), ct);
                        }
                    }
                }

                // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
                private static bool IsRetryable(RequestFailedException ex)
                {
                    if (ex.Status == 0)
                    {
                        return true; // no response came back: a network failure
                    }

                    var error = ex.ErrorCode + " " + ex.Message;
                    var response = ex.GetRawResponse();
                    try
                    {
                        error += response == null ? "" : response.Content.ToString();
                    }
                    catch (InvalidOperationException)
                    {
                        // the error body was not buffered; the message still names the error
                    }

                    foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota", "BILLING_HARD_LIMIT" })
                    {
                        if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
                        {
                            return false;
                        }
                    }

                    if (GetRetryAfter(ex) > TimeSpan.FromMilliseconds(8000))
                    {
                        return false; // the server asks for a longer wait than the backoff cap
                    }

                    return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
                }

            {{ExpectedHelpers.GetRetryAfterAzure}}

            {{ExpectedHelpers.ParseRetryAfter}}

                // Exponential backoff with full jitter: a random wait below 250 ms * 2^(attempt - 1), at most 8000 ms, never shorter than Retry-After.
                private static TimeSpan GetRetryDelay(int attempt, TimeSpan? retryAfter)
                {
                    if (s_retryRandom == null)
                    {
                        s_retryRandom = new Random(Guid.NewGuid().GetHashCode());
                    }

                    var ceiling = Math.Min(8000, 250 * Math.Pow(2, Math.Min(attempt - 1, 30)));
                    var delay = TimeSpan.FromMilliseconds(s_retryRandom.NextDouble() * ceiling);
                    return retryAfter > delay ? retryAfter.Value : delay;
                }

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80,
            "torouter.max_attempts = 3\ntorouter.base_delay_ms = 250\ntorouter.max_delay_ms = 8000\ntorouter.sticky_codes = BILLING_HARD_LIMIT\n");

        /// <summary>Comments and blank lines in the attempted block stay byte for byte; comments on removed machinery move next to what replaced it.</summary>
        [Fact]
        public Task Trivia_CommentsAndBlankLinesSurvive() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Summarizer
            {
                public async Task<string> SummarizeAsync(ChatClient chat, string text, CancellationToken ct)
                {
                    // how many times we tried
                    var attempts = 0;
                    {|TR0004:{|TR0005:while|}|} (true) // keep trying
                    {
                        try
                        {
                            // build the prompt fresh for every attempt
                            var messages = new ChatMessage[] { new UserChatMessage("Summarize: " + text) };

                            /* the call itself */
                            ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);


                            return completion.Content[0].Text; // done
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429)
                        {
                            attempts++;
                            // back off a little before the next try
                            await Task.Delay(2000, ct);
                        }
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

            class Summarizer
            {
                public async Task<string> SummarizeAsync(ChatClient chat, string text, CancellationToken ct)
                {
                    // how many times we tried
                    for (int attempt = 1; ; attempt++) // keep trying
                    {
                        try
                        {
                            // build the prompt fresh for every attempt
                            var messages = new ChatMessage[] { new UserChatMessage("Summarize: " + text) };

                            /* the call itself */
                            ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);


                            return completion.Content[0].Text; // done
                        }
                        catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            // back off a little before the next try
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested)
                        {
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
            LanguageVersion.Latest,
            TargetFramework.Net80,
            null);

        /// <summary>A second loop in a type that already has the helpers (from an earlier fix) reuses them.</summary>
        [Fact]
        public Task Idempotent_ReusesHelpersAlreadyInTheType() => CheckAsync(
            """
            using System;
            using System.ClientModel;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Twice
            {
                public async Task<string> FirstAsync(ChatClient chat, CancellationToken cancellationToken)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("one") }, cancellationToken: cancellationToken);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), cancellationToken);
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !cancellationToken.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), cancellationToken);
                        }
                    }
                }

                public string Second(ChatClient chat)
                {
                    {|TR0004:{|TR0005:while|}|} (true)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage("two"));
                            return completion.Content[0].Text;
                        }
                        {|TR0001:catch|} (Exception)
                        {
                            Thread.Sleep(100);
                        }
                    }
                }

                // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
                private static bool IsRetryable(ClientResultException ex)
                {
                    if (ex.Status == 0)
                    {
                        return true; // no response came back: a network failure
                    }

                    var error = ex.Message;
                    var response = ex.GetRawResponse();
                    try
                    {
                        error += response == null ? "" : response.Content.ToString();
                    }
                    catch (InvalidOperationException)
                    {
                        // the error body was not buffered; the message still names the error
                    }

                    foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
                    {
                        if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
                        {
                            return false;
                        }
                    }

                    if (GetRetryAfter(ex) > TimeSpan.FromMilliseconds(30000))
                    {
                        return false; // the server asks for a longer wait than the backoff cap
                    }

                    return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
                }

                private static TimeSpan? GetRetryAfter(ClientResultException ex)
                {
                    var response = ex.GetRawResponse();
                    string value;
                    return response != null && response.Headers.TryGetValue("Retry-After", out value) ? ParseRetryAfter(value) : null;
                }

                // Retry-After is either a number of seconds or an HTTP date.
                private static TimeSpan? ParseRetryAfter(string value)
                {
                    int seconds;
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
                    {
                        return TimeSpan.FromSeconds(seconds);
                    }

                    DateTimeOffset date;
                    if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
                    {
                        return date - DateTimeOffset.UtcNow;
                    }

                    return null;
                }

                // Exponential backoff with full jitter: a random wait below 1000 ms * 2^(attempt - 1), at most 30000 ms, never shorter than Retry-After.
                private static TimeSpan GetRetryDelay(int attempt, TimeSpan? retryAfter)
                {
                    if (s_retryRandom == null)
                    {
                        s_retryRandom = new Random(Guid.NewGuid().GetHashCode());
                    }

                    var ceiling = Math.Min(30000, 1000 * Math.Pow(2, Math.Min(attempt - 1, 30)));
                    var delay = TimeSpan.FromMilliseconds(s_retryRandom.NextDouble() * ceiling);
                    return retryAfter > delay ? retryAfter.Value : delay;
                }

                // One generator per thread: System.Random is not thread-safe.
                [ThreadStatic]
                private static Random s_retryRandom;
            }
            """,
            $$"""
            using System;
            using System.ClientModel;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Twice
            {
                public async Task<string> FirstAsync(ChatClient chat, CancellationToken cancellationToken)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("one") }, cancellationToken: cancellationToken);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), cancellationToken);
                        }
                        catch (TaskCanceledException) when (attempt < 6 && !cancellationToken.IsCancellationRequested)
                        {
                            await Task.Delay(GetRetryDelay(attempt, null), cancellationToken);
                        }
                    }
                }

                public string Second(ChatClient chat)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage("two"));
                            return completion.Content[0].Text;
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

            {{ExpectedHelpers.ParseRetryAfter}}

            {{ExpectedHelpers.RetryDelay}}

            {{ExpectedHelpers.RetryRandom}}
            }
            """,
            LanguageVersion.Latest,
            TargetFramework.Net80,
            null);

        /// <summary>Fix All (solution scope) over two files: the loops of one type share one set of helpers, and the result is the one-by-one result.</summary>
        [Fact]
        public async Task FixAll_TwoFiles_HelpersOncePerType()
        {
            var first = """
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                class Api
                {
                    private readonly HttpClient _http = new HttpClient();

                    public async Task<string> GetAsync(string url)
                    {
                        {|TR0004:{|TR0005:while|}|} (true)
                        {
                            try
                            {
                                var response = await _http.GetAsync(url);
                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            {|TR0003:catch|} (HttpRequestException)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }

                    public async Task<string> DeleteAsync(string url)
                    {
                        {|TR0004:{|TR0005:while|}|} (true)
                        {
                            try
                            {
                                var response = await _http.DeleteAsync(url);
                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            {|TR0003:catch|} (HttpRequestException)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }
                }
                """;
            var second = """
                using System;
                using System.Threading;
                using OpenAI.Chat;

                class Chats
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        {|TR0004:{|TR0005:while|}|} (true)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            {|TR0001:catch|} (Exception)
                            {
                                Thread.Sleep(100);
                            }
                        }
                    }
                }
                """;
            var fixedFirst = $$"""
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                class Api
                {
                    private readonly HttpClient _http = new HttpClient();

                    public async Task<string> GetAsync(string url)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = await _http.GetAsync(url);
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = await response.Content.ReadAsStringAsync();
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            catch (HttpRequestException) when (attempt < 6 && IsRetryable(failedResponse, failedBody))
                            {
                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(failedResponse)), CancellationToken.None);
                            }
                            catch (TaskCanceledException) when (attempt < 6)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                            }
                        }
                    }

                    public async Task<string> DeleteAsync(string url)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = await _http.DeleteAsync(url);
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = await response.Content.ReadAsStringAsync();
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            catch (HttpRequestException) when (attempt < 6 && IsRetryable(failedResponse, failedBody))
                            {
                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(failedResponse)), CancellationToken.None);
                            }
                            catch (TaskCanceledException) when (attempt < 6)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            var fixedSecond = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Chats
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
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

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            var fixedBoth = await FixHarness.FixAsync<BackoffRewriteCodeFixProvider>(first + "//--- file2\n" + second, Key, fixAll: true);
            FixHarness.AssertEqualText(fixedFirst + "//--- file2\n" + fixedSecond, fixedBoth);
            await Verify.FixAllAsync<BackoffRewriteCodeFixProvider>(new[] { first, second }, new[] { fixedFirst, fixedSecond }, Key);
        }

        /// <summary>A status-check loop that throws its own exception once the attempts run out keeps it: the new loop is bounded in its header, terminal statuses still throw at once, and retryable ones fall through to the user's exception after the last attempt (no wait after it).</summary>
        [Fact]
        public async Task StatusCheckLoop_OwnExceptionAfterTheLoop_IsReachedWhenTheAttemptsRunOut()
        {
            var source = """
                using System.Net;
                using System.Net.Http;
                using System.Threading.Tasks;

                class Poller
                {
                    public async Task<string> SendAsync(HttpClient http, string url)
                    {
                        {|TR0006:for|} (int attempt = 0; attempt < 5; attempt++)
                        {
                            var response = await http.GetAsync(url);
                            if ({|TR0002:response.StatusCode == HttpStatusCode.TooManyRequests|})
                            {
                                await Task.Delay(1000 * (1 << attempt));
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }

                        throw new HttpRequestException("still rate limited");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                class Poller
                {
                    public async Task<string> SendAsync(HttpClient http, string url)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            HttpResponseMessage response;
                            try
                            {
                                response = await http.GetAsync(url);
                            }
                            catch (HttpRequestException)
                            {
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                                }

                                continue;
                            }
                            catch (TaskCanceledException)
                            {
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                                }

                                continue;
                            }

                            if (!response.IsSuccessStatusCode)
                            {
                                var body = await response.Content.ReadAsStringAsync();
                                if (!IsRetryable(response, body))
                                {
                                    response.EnsureSuccessStatusCode();
                                }

                                var retryAfter = GetRetryAfter(response);
                                response.Dispose();
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, retryAfter), CancellationToken.None);
                                }

                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }

                        throw new HttpRequestException("still rate limited");
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
        }

        /// <summary>HttpClient.GetStringAsync throws without the error body, so the attempt sends with GetAsync instead (same arguments), keeps a failing response and its body for the retry decision, and reads the content as GetStringAsync did.</summary>
        [Fact]
        public async Task GetStringAsync_SendsWithGetAsync_SoTheErrorBodyDecides()
        {
            var source = """
                using System.Net.Http;
                using System.Threading.Tasks;

                class Pages
                {
                    public async Task<string> GetAsync(HttpClient http, string url)
                    {
                        {|TR0004:{|TR0005:while|}|} (true)
                        {
                            try
                            {
                                return await http.GetStringAsync(url);
                            }
                            {|TR0003:catch|} (HttpRequestException)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                class Pages
                {
                    public async Task<string> GetAsync(HttpClient http, string url)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = await http.GetAsync(url);
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = await response.Content.ReadAsStringAsync();
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            catch (HttpRequestException) when (attempt < 6 && IsRetryable(failedResponse, failedBody))
                            {
                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(failedResponse)), CancellationToken.None);
                            }
                            catch (TaskCanceledException) when (attempt < 6)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
        }

        /// <summary>A Try method keeps its 'return false' after the last attempt (the new loop falls through to it); failures that are not worth retrying are no longer retried.</summary>
        [Fact]
        public async Task TryPattern_ReturnsFalseWhenRetryableFailuresRunOut()
        {
            var source = """
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Quiet
                {
                    public bool TryAsk(ChatClient chat, string prompt, out string answer)
                    {
                        {|TR0005:for|} (int attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                answer = completion.Content[0].Text;
                                return true;
                            }
                            {|TR0003:catch|} (ClientResultException)
                            {
                                Thread.Sleep(1000);
                            }
                        }

                        answer = null;
                        return false;
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

                class Quiet
                {
                    public bool TryAsk(ChatClient chat, string prompt, out string answer)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                answer = completion.Content[0].Text;
                                return true;
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                if (attempt < 6)
                                {
                                    Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                                }
                            }
                            catch (TaskCanceledException)
                            {
                                if (attempt < 6)
                                {
                                    Thread.Sleep(GetRetryDelay(attempt, null));
                                }
                            }
                        }

                        answer = null;
                        return false;
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

        /// <summary>The loop throws its own exception after the last attempt: callers catch that, so it stays, reached once max_attempts retryable failures ran out; terminal failures (sticky quota, 400-404) propagate at once.</summary>
        [Fact]
        public async Task CustomExceptionAfterTheLoop_IsKept_AndReachedWhenRetryableFailuresRunOut()
        {
            var source = """
                using System;
                using System.Net.Http;
                using System.Threading;

                class Downloader
                {
                    public string Download(HttpClient http, string url)
                    {
                        {|TR0005:for|} (int attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                var response = http.GetAsync(url).Result;
                                response.EnsureSuccessStatusCode();
                                return response.Content.ReadAsStringAsync().Result;
                            }
                            {|TR0003:catch|} (HttpRequestException)
                            {
                                Thread.Sleep(1000);
                            }
                        }

                        throw new InvalidOperationException("gave up after 3 attempts");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                class Downloader
                {
                    public string Download(HttpClient http, string url)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = http.GetAsync(url).Result;
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                                }

                                response.EnsureSuccessStatusCode();
                                return response.Content.ReadAsStringAsync().Result;
                            }
                            catch (HttpRequestException) when (IsRetryable(failedResponse, failedBody))
                            {
                                if (attempt < 6)
                                {
                                    Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(failedResponse)));
                                }
                            }
                            catch (TaskCanceledException)
                            {
                                if (attempt < 6)
                                {
                                    Thread.Sleep(GetRetryDelay(attempt, null));
                                }
                            }
                        }

                        throw new InvalidOperationException("gave up after 3 attempts");
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
        }

        /// <summary>Removing the placeholder return would drop the comment on it.</summary>
        [Fact]
        public async Task NoFix_CommentOnThePlaceholderReturn()
        {
            var source = """
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Quiet
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        {|TR0005:{|TR0008:for|}|} (int attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            {|TR0003:catch|} (ClientResultException)
                            {
                                Thread.Sleep(1000);
                            }
                        }

                        // callers show a canned answer when this is null
                        return null;
                    }
                }
                """;
            await FixHarness.NoFixAsync<BackoffRewriteCodeFixProvider>(source, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, source, Key);
        }

        /// <summary>The wait goes through a private helper that only sleeps: its call is the old wait and goes, the helper itself stays (the rewrite never deletes a member).</summary>
        [Fact]
        public async Task WaitThroughAHelperThatOnlySleeps_IsMachinery()
        {
            var source = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class Reader
                {
                    public async Task<string> ReadAsync(string path)
                    {
                        {|TR0007:for|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                return await Task.Run(() => File.ReadAllText(path));
                            }
                            catch (IOException) when (attempt < 3)
                            {
                                Pause(100 << attempt);
                            }
                        }
                    }

                    private static void Pause(int milliseconds) => Thread.Sleep(milliseconds);
                }
                """;
            var expected = $$"""
                using System;
                using System.IO;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                class Reader
                {
                    public async Task<string> ReadAsync(string path)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await Task.Run(() => File.ReadAllText(path));
                            }
                            // The client is not one ToRouter.Analyzers recognises, so only network failures and timeouts are retried.
                            catch (Exception ex) when (attempt < 6 && ((ex is HttpRequestException requestError && requestError.StatusCode == null) || ex is IOException || ex is TimeoutException || ex is TaskCanceledException))
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                            }
                        }
                    }

                    private static void Pause(int milliseconds) => Thread.Sleep(milliseconds);

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key);
        }
    }
}
