using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.CodeFixes;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>Edge cases of the rewrite: nullable reference types, and a retry shape it declines.</summary>
    public class BackoffRewriteEdgeTests
    {
        private const string Key = BackoffRewriteCodeFixProvider.Key;

        /// <summary>
        /// With #nullable enable the generated locals, parameters and the Random field are annotated, so the fixed code has
        /// no nullable warnings (FixHarness fails on any new compiler warning).
        /// </summary>
        [Fact]
        public async Task HttpClient_NullableEnabled_AnnotatesGeneratedCode()
        {
            var source = """
            #nullable enable
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Gateway
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string?> PostAsync(string url, string json, CancellationToken ct)
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
            """;
            var fixedSource = $$"""
            #nullable enable
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Gateway
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string?> PostAsync(string url, string json, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage? failedResponse = null;
                        string? failedBody = null;

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

                // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
                private static bool IsRetryable(HttpResponseMessage? response, string? body)
                {
                    if (response == null)
                    {
                        return true; // no response came back: a network failure
                    }

                    var error = body ?? "";
                    foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
                    {
                        if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
                        {
                            return false;
                        }
                    }

                    if (GetRetryAfter(response) > TimeSpan.FromMilliseconds(30000))
                    {
                        return false; // the server asks for a longer wait than the backoff cap
                    }

                    var status = (int)response.StatusCode;
                    return status == 408 || status == 429 || status >= 500;
                }

                private static TimeSpan? GetRetryAfter(HttpResponseMessage? response)
                {
                    var retryAfter = response == null ? null : response.Headers.RetryAfter;
                    return retryAfter == null ? null : retryAfter.Delta ?? retryAfter.Date - DateTimeOffset.UtcNow;
                }

            {{ExpectedHelpers.RetryDelay}}

                // One generator per thread: System.Random is not thread-safe.
                [ThreadStatic]
                private static Random? s_retryRandom;
            }
            """;
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, fixedSource, Key);
        }

        /// <summary>
        /// A recursive retry whose budget parameter counts down: callers pass it to limit the retries, so it stays the caller's
        /// bound (in the filter, counted down after each wait) beside max_attempts. A count-up budget: BackoffRewriteShapeTests.
        /// </summary>
        [Fact]
        public async Task RecursiveRetry_CountDownBudgetParameter_StaysTheCallersBound()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Recursive
                {
                    public string Ask(ChatClient chat, string prompt, int retriesLeft = 3)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        {|TR0003:catch|} (ClientResultException) when (retriesLeft > 0)
                        {
                            Thread.Sleep(1000);
                            return {|TR0005:Ask(chat, prompt, retriesLeft - 1)|};
                        }
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

                class Recursive
                {
                    public string Ask(ChatClient chat, string prompt, int retriesLeft = 3)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex) && retriesLeft > 0)
                            {
                                Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                                retriesLeft--;
                            }
                            catch (TaskCanceledException) when (attempt < 6 && retriesLeft > 0)
                            {
                                Thread.Sleep(GetRetryDelay(attempt, null));
                                retriesLeft--;
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
    }
}
