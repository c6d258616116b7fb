using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.CodeFixes;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>
    /// Loops whose rewrite keeps the user's own code around the retry: give-up branches, per-catch work, a catch that classified by
    /// itself, logging after a quiet give-up, GetStringAsync sends, using-block responses, a generic helper's caller-chosen type.
    /// </summary>
    public class BackoffRewriteKeptCodeTests
    {
        private const string Key = BackoffRewriteCodeFixProvider.Key;

        /// <summary>The fix on markup-placed diagnostics, then end to end through the analyzer: the same exact output both ways.</summary>
        private static async Task CheckAsync(string source, string expected, LanguageVersion languageVersion, TargetFramework framework)
        {
            await FixHarness.VerifyAsync<BackoffRewriteCodeFixProvider>(source, expected, Key, languageVersion, framework: framework);
            await Verify.CodeFixAsync<BackoffRewriteCodeFixProvider>(source, expected, Key, languageVersion, null, framework);
        }

        /// <summary>SemanticKernel: the catch gave up on the last attempt by logging and returning null; the give-up branch stays, asks for the last of max_attempts, and ends in throw; so the failure reaches the caller.</summary>
        [Fact]
        public async Task GiveUpBranchInTheCatch_KeepsItsLogging_AndThrowsInsteadOfReturningNull()
        {
            var source = """
                using System;
                using System.Net;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public class SqlWriter
                {
                    private const int MaxAttempts = 4;
                    private static readonly Random Jitter = new Random();
                    private readonly IChatCompletionService _chat;

                    public SqlWriter(IChatCompletionService chat) { _chat = chat; }

                    public async Task<string> WriteAsync(ChatHistory history, CancellationToken ct)
                    {
                        int attempt = 0;
                        {|TR0008:while|} (true)
                        {
                            try
                            {
                                var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                                return reply.Content;
                            }
                            catch (HttpOperationException ex) when (ex.StatusCode >= HttpStatusCode.InternalServerError)
                            {
                                if (++attempt == MaxAttempts)
                                {
                                    Console.Error.WriteLine("SQL generation failed: " + ex.Message);
                                    return null;
                                }

                                await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)), ct);
                            }
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Net;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public class SqlWriter
                {
                    private const int MaxAttempts = 4;
                    private static readonly Random Jitter = new Random();
                    private readonly IChatCompletionService _chat;

                    public SqlWriter(IChatCompletionService chat) { _chat = chat; }

                    public async Task<string> WriteAsync(ChatHistory history, CancellationToken ct)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                                return reply.Content;
                            }
                            catch (HttpOperationException ex) when (IsRetryable(ex))
                            {
                                if (attempt >= 6)
                                {
                                    Console.Error.WriteLine("SQL generation failed: " + ex.Message);
                                    throw;
                                }

                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                if (attempt >= 6)
                                {
                                    Console.Error.WriteLine("SQL generation failed: " + ex.Message);
                                    throw;
                                }

                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                            }
                            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
                            {
                                if (attempt >= 6)
                                {
                                    Console.Error.WriteLine("SQL generation failed: " + ex.Message);
                                    throw;
                                }

                                await Task.Delay(GetRetryDelay(attempt, null), ct);
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
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>Anthropic: two catches that each log their own message keep their types and messages, narrowed by the family decision; the family catch follows for the other retryable failures; the exception after the loop is reached once the attempts run out.</summary>
        [Fact]
        public async Task CatchesThatEachLogTheirOwnMessage_KeepTheirTypesAndMessages()
        {
            var source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public class Reviewer
                {
                    private readonly AnthropicClient _client;

                    public Reviewer(AnthropicClient client) { _client = client; }

                    public async Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken ct)
                    {
                        {|TR0005:for|} (int tries = 0; tries < 4; tries++)
                        {
                            try
                            {
                                return await _client.Messages.Create(request, ct);
                            }
                            {|TR0002:catch|} (AnthropicRateLimitException)
                            {
                                Console.WriteLine("rate limited (try " + (tries + 1) + ")");
                                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                            }
                            catch (AnthropicOverloadedException)
                            {
                                Console.WriteLine("overloaded (try " + (tries + 1) + ")");
                                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                            }
                        }

                        throw new InvalidOperationException("Claude kept refusing the review");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public class Reviewer
                {
                    private readonly AnthropicClient _client;

                    public Reviewer(AnthropicClient client) { _client = client; }

                    public async Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken ct)
                    {
                        for (int tries = 0; tries < 6; tries++)
                        {
                            try
                            {
                                return await _client.Messages.Create(request, ct);
                            }
                            catch (AnthropicRateLimitException ex) when (IsRetryable(ex))
                            {
                                Console.WriteLine("rate limited (try " + (tries + 1) + ")");
                                if (tries + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(tries + 1, null), ct);
                                }
                            }
                            catch (AnthropicOverloadedException ex) when (IsRetryable(ex))
                            {
                                Console.WriteLine("overloaded (try " + (tries + 1) + ")");
                                if (tries + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(tries + 1, null), ct);
                                }
                            }
                            catch (AnthropicException ex) when (IsRetryable(ex))
                            {
                                if (tries + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(tries + 1, null), ct);
                                }
                            }
                            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                            {
                                if (tries + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(tries + 1, null), ct);
                                }
                            }
                        }

                        throw new InvalidOperationException("Claude kept refusing the review");
                    }

                {{ExpectedHelpers.IsRetryableAnthropic}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>OpenAI, sync: a catch that classified by itself (if (ex.Status == 429) { … } else { throw; }) gives way to the generated filter; the retry branch statements stay, the placeholder after the loop goes.</summary>
        [Fact]
        public async Task CatchThatClassifiesByItself_GivesWayToTheGeneratedFilter()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                public class CommitMessages
                {
                    private readonly ChatClient _chat;

                    public CommitMessages(ChatClient chat) { _chat = chat; }

                    public string Suggest(string diff)
                    {
                        {|TR0008:{|TR0005:for|}|} (int attempt = 0; attempt < 4; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = _chat.CompleteChat(new UserChatMessage(diff));
                                return completion.Content[0].Text;
                            }
                            {|TR0002:catch|} (ClientResultException ex)
                            {
                                if (ex.Status == 429)
                                {
                                    Console.WriteLine("rate limited, sleeping");
                                    Thread.Sleep(5000);
                                }
                                else
                                {
                                    throw;
                                }
                            }
                        }

                        return string.Empty;
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

                public class CommitMessages
                {
                    private readonly ChatClient _chat;

                    public CommitMessages(ChatClient chat) { _chat = chat; }

                    public string Suggest(string diff)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = _chat.CompleteChat(new UserChatMessage(diff));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                            {
                                Console.WriteLine("rate limited, sleeping");
                                Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                            }
                            catch (TaskCanceledException) when (attempt < 6)
                            {
                                Console.WriteLine("rate limited, sleeping");
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
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>HttpClient, sync void method: the log line after the loop that gave up quietly runs in the catch of the last attempt, then the failure propagates (C# 7.3, netstandard2.0).</summary>
        [Fact]
        public async Task LoggingAfterAQuietGiveUp_RunsBeforeTheLastFailurePropagates_CSharp73_NetStandard20()
        {
            var source = """
                using System;
                using System.Net.Http;
                using System.Text;
                using System.Threading;

                public class Feedback
                {
                    private readonly HttpClient _http;

                    public Feedback(HttpClient http) { _http = http; }

                    public void Report(string json)
                    {
                        {|TR0008:{|TR0005:for|}|} (int i = 0; i < 3; i++)
                        {
                            try
                            {
                                var response = _http.PostAsync("v1/feedback", new StringContent(json, Encoding.UTF8, "application/json")).Result;
                                response.EnsureSuccessStatusCode();
                                return;
                            }
                            {|TR0003:catch|} (HttpRequestException ex)
                            {
                                Console.WriteLine("feedback upload failed: " + ex.Message);
                                Thread.Sleep(1500);
                            }
                        }

                        Console.WriteLine("giving up on feedback");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                public class Feedback
                {
                    private readonly HttpClient _http;

                    public Feedback(HttpClient http) { _http = http; }

                    public void Report(string json)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = _http.PostAsync("v1/feedback", new StringContent(json, Encoding.UTF8, "application/json")).Result;
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                                }

                                response.EnsureSuccessStatusCode();
                                return;
                            }
                            catch (HttpRequestException ex) when (IsRetryable(failedResponse, failedBody))
                            {
                                Console.WriteLine("feedback upload failed: " + ex.Message);
                                if (attempt >= 6)
                                {
                                    Console.WriteLine("giving up on feedback");
                                    throw;
                                }

                                Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(failedResponse)));
                            }
                            catch (TaskCanceledException ex)
                            {
                                Console.WriteLine("feedback upload failed: " + ex.Message);
                                if (attempt >= 6)
                                {
                                    Console.WriteLine("giving up on feedback");
                                    throw;
                                }

                                Thread.Sleep(GetRetryDelay(attempt, null));
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.NetStandard20);
        }

        /// <summary>HttpClient, sync: GetStringAsync(url).Result becomes GetAsync(url).Result and a read of the content, so the error body decides (C# 7.3, .NET Framework 4.8).</summary>
        [Fact]
        public async Task GetStringAsyncResult_SendsWithGetAsync_CSharp73_Net48()
        {
            var source = """
                using System.Net.Http;
                using System.Threading;

                public class Pages
                {
                    private readonly HttpClient _http;

                    public Pages(HttpClient http) { _http = http; }

                    public string Fetch(string url)
                    {
                        {|TR0008:{|TR0005:for|}|} (int attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                string page = _http.GetStringAsync(url).Result;
                                return page;
                            }
                            {|TR0003:catch|} (HttpRequestException)
                            {
                                Thread.Sleep(1000);
                            }
                        }

                        return null;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                public class Pages
                {
                    private readonly HttpClient _http;

                    public Pages(HttpClient http) { _http = http; }

                    public string Fetch(string url)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = _http.GetAsync(url).Result;
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                                }

                                response.EnsureSuccessStatusCode();
                                string page = response.Content.ReadAsStringAsync().Result;
                                return page;
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
                """;
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net48);
        }

        /// <summary>HttpClient: a using (var response = …) block keeps its shape; the picked status becomes any failing status, the failure code reads the body; the exception after the loop is reached once the attempts run out.</summary>
        [Fact]
        public async Task UsingBlockResponse_StatusCheckKeptInPlace_OwnExceptionReachedWhenAttemptsRunOut()
        {
            var source = """
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                public class TeamGateway
                {
                    private readonly HttpClient _http;

                    public TeamGateway(HttpClient http) { _http = http; }

                    public async Task<string> SendAsync(string payload, CancellationToken ct)
                    {
                        {|TR0005:for|} (int attempt = 0; attempt < 5; attempt++)
                        {
                            using (var response = await _http.PostAsync("v1/chat/completions", new StringContent(payload, Encoding.UTF8, "application/json"), ct))
                            {
                                if ({|TR0002:response.StatusCode == HttpStatusCode.TooManyRequests|})
                                {
                                    await Task.Delay(1000, ct);
                                    continue;
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                        }

                        throw new HttpRequestException("Still rate limited after 5 attempts.");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                public class TeamGateway
                {
                    private readonly HttpClient _http;

                    public TeamGateway(HttpClient http) { _http = http; }

                    public async Task<string> SendAsync(string payload, CancellationToken ct)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            using (var response = await _http.PostAsync("v1/chat/completions", new StringContent(payload, Encoding.UTF8, "application/json"), ct))
                            {
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
                                        await Task.Delay(GetRetryDelay(attempt, retryAfter), ct);
                                    }

                                    continue;
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                        }

                        throw new HttpRequestException("Still rate limited after 5 attempts.");
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>A generic helper keeps catch (TException) and counts to the times its caller passes; only the wait changes.</summary>
        [Fact]
        public async Task GenericHelperCatchTException_KeepsTheCallersTypeAndBound()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                public static class Retry
                {
                    public static async Task<T> OnAsync<T, TException>(int times, TimeSpan delay, Func<Task<T>> operation)
                        where TException : Exception
                    {
                        var attempts = 0;
                        {|TR0005:while|} (true)
                        {
                            try
                            {
                                attempts++;
                                return await operation();
                            }
                            catch (TException ex)
                            {
                                if (attempts == times)
                                {
                                    throw;
                                }

                                Console.Error.WriteLine("attempt " + attempts + " failed: " + ex.Message);
                                await Task.Delay(delay);
                            }
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                public static class Retry
                {
                    public static async Task<T> OnAsync<T, TException>(int times, TimeSpan delay, Func<Task<T>> operation)
                        where TException : Exception
                    {
                        for (int attempts = 1; ; attempts++)
                        {
                            try
                            {
                                return await operation();
                            }
                            catch (TException ex) when (attempts < times)
                            {
                                Console.Error.WriteLine("attempt " + attempts + " failed: " + ex.Message);
                                await Task.Delay(GetRetryDelay(attempts, null), CancellationToken.None);
                            }
                        }
                    }

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>OpenAI, sync: a budget counted down in the while condition that logging reports stays the user's number: its start becomes max_attempts and it counts down first thing in each attempt; the exception after the loop is reached once the attempts run out.</summary>
        [Fact]
        public async Task CountDownInTheWhileCondition_StaysTheUsersBudget_CountedFirstInEachAttempt()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                public class Summarizer
                {
                    private readonly ChatClient _chat;

                    public Summarizer(ChatClient chat) { _chat = chat; }

                    public string Summarize(string text)
                    {
                        int retries = 3;
                        {|TR0005:while|} (retries-- > 0)
                        {
                            try
                            {
                                return _chat.CompleteChat(text).Value.Content[0].Text;
                            }
                            {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429)
                            {
                                Console.WriteLine("rate limited, " + retries + " retries left");
                                Thread.Sleep(2000);
                            }
                        }

                        throw new TimeoutException("still rate limited");
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

                public class Summarizer
                {
                    private readonly ChatClient _chat;

                    public Summarizer(ChatClient chat) { _chat = chat; }

                    public string Summarize(string text)
                    {
                        int retries = 6;
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            retries--;
                            try
                            {
                                return _chat.CompleteChat(text).Value.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                Console.WriteLine("rate limited, " + retries + " retries left");
                                if (attempt < 6)
                                {
                                    Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                                }
                            }
                            catch (TaskCanceledException)
                            {
                                Console.WriteLine("rate limited, " + retries + " retries left");
                                if (attempt < 6)
                                {
                                    Thread.Sleep(GetRetryDelay(attempt, null));
                                }
                            }
                        }

                        throw new TimeoutException("still rate limited");
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>Anthropic: a recursive retry whose caller passes the budget (retriesLeft - 1 on each call) keeps it in the filter beside max_attempts and counts it down after each wait, as the recursive call did.</summary>
        [Fact]
        public async Task RecursiveRetry_BudgetTheCallerPasses_StaysInTheFilterAndCountsDown()
        {
            var source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public class Reviewer
                {
                    private readonly AnthropicClient _client;

                    public Reviewer(AnthropicClient client) { _client = client; }

                    public Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken ct) => SendAsync(request, 3, ct);

                    private async Task<Message> SendAsync(MessageCreateParams request, int retriesLeft, CancellationToken ct)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        {|TR0002:catch|} (AnthropicRateLimitException) when (retriesLeft > 0)
                        {
                            Console.WriteLine("rate limited; " + retriesLeft + " retries left");
                            await Task.Delay(3000, ct);
                            return await {|TR0005:SendAsync(request, retriesLeft - 1, ct)|};
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public class Reviewer
                {
                    private readonly AnthropicClient _client;

                    public Reviewer(AnthropicClient client) { _client = client; }

                    public Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken ct) => SendAsync(request, 3, ct);

                    private async Task<Message> SendAsync(MessageCreateParams request, int retriesLeft, CancellationToken ct)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await _client.Messages.Create(request, ct);
                            }
                            catch (AnthropicException ex) when (attempt < 6 && IsRetryable(ex) && retriesLeft > 0)
                            {
                                Console.WriteLine("rate limited; " + retriesLeft + " retries left");
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                                retriesLeft--;
                            }
                            catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested && retriesLeft > 0)
                            {
                                Console.WriteLine("rate limited; " + retriesLeft + " retries left");
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                                retriesLeft--;
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableAnthropic}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>HttpClient, sync: a recursive retry whose count-up parameter has no default (the caller passes 0) stays the user's count, read by the logging and stepped after each wait (C# 7.3, .NET Framework 4.8).</summary>
        [Fact]
        public async Task RecursiveRetry_CountUpParameterWithoutDefault_IsGivenTheValueEachCallPassed_CSharp73_Net48()
        {
            var source = """
                using System;
                using System.Net.Http;
                using System.Threading;

                public class Forwarder
                {
                    private const int MaxRetries = 3;
                    private readonly HttpClient _http;

                    public Forwarder(HttpClient http) { _http = http; }

                    public string Forward(string url) { return Get(url, 0); }

                    private string Get(string url, int attempt)
                    {
                        try
                        {
                            var response = _http.GetAsync(url).Result;
                            response.EnsureSuccessStatusCode();
                            return response.Content.ReadAsStringAsync().Result;
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            if (attempt >= MaxRetries)
                            {
                                throw;
                            }

                            Console.WriteLine("attempt " + (attempt + 1) + " failed: " + ex.Message);
                            Thread.Sleep(1000 * (attempt + 1));
                            return {|TR0005:Get(url, attempt + 1)|};
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                public class Forwarder
                {
                    private const int MaxRetries = 3;
                    private readonly HttpClient _http;

                    public Forwarder(HttpClient http) { _http = http; }

                    public string Forward(string url) { return Get(url, 0); }

                    private string Get(string url, int attempt)
                    {
                        for (int attemptNumber = 1; ; attemptNumber++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = _http.GetAsync(url).Result;
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                                }

                                response.EnsureSuccessStatusCode();
                                return response.Content.ReadAsStringAsync().Result;
                            }
                            catch (HttpRequestException ex) when (attemptNumber < 6 && IsRetryable(failedResponse, failedBody))
                            {
                                Console.WriteLine("attempt " + (attempt + 1) + " failed: " + ex.Message);
                                Thread.Sleep(GetRetryDelay(attemptNumber, GetRetryAfter(failedResponse)));
                                attempt++;
                            }
                            catch (TaskCanceledException ex) when (attemptNumber < 6)
                            {
                                Console.WriteLine("attempt " + (attempt + 1) + " failed: " + ex.Message);
                                Thread.Sleep(GetRetryDelay(attemptNumber, null));
                                attempt++;
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net48);
        }

        /// <summary>Anthropic: the user's own reason to stop (a Stopwatch deadline in the while condition) stays, in the retry filter beside max_attempts; the placeholder after the loop goes, so the last failure propagates.</summary>
        [Fact]
        public async Task DeadlineInTheLoopCondition_StillDecidesInTheFilter()
        {
            var source = """
                using System;
                using System.Diagnostics;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public class CommitWriter
                {
                    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);
                    private readonly AnthropicClient _client;

                    public CommitWriter(AnthropicClient client) { _client = client; }

                    public async Task<Message> WriteAsync(MessageCreateParams request, CancellationToken ct)
                    {
                        var clock = Stopwatch.StartNew();
                        {|TR0008:{|TR0005:while|}|} (clock.Elapsed < Budget)
                        {
                            try
                            {
                                return await _client.Messages.Create(request, ct);
                            }
                            {|TR0002:catch|} (AnthropicRateLimitException)
                            {
                                await Task.Delay(3000, ct);
                            }
                        }

                        return null;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Diagnostics;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public class CommitWriter
                {
                    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);
                    private readonly AnthropicClient _client;

                    public CommitWriter(AnthropicClient client) { _client = client; }

                    public async Task<Message> WriteAsync(MessageCreateParams request, CancellationToken ct)
                    {
                        var clock = Stopwatch.StartNew();
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await _client.Messages.Create(request, ct);
                            }
                            catch (AnthropicException ex) when (attempt < 6 && IsRetryable(ex) && clock.Elapsed < Budget)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                            }
                            catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested && clock.Elapsed < Budget)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableAnthropic}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>OpenAI, sync: a do loop bounded by a field the class reports keeps its condition in the new header (not checked before the first attempt, as in a do loop); the exception after the loop is reached when it or max_attempts runs out.</summary>
        [Fact]
        public async Task DoLoopOnAFieldCounter_KeepsItsConditionInTheHeader_AfterTheFirstAttempt()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                public class Tagger
                {
                    private const int MaxAttempts = 4;
                    private readonly ChatClient _chat;
                    private int _attempts;

                    public Tagger(ChatClient chat) { _chat = chat; }

                    public int Attempts => _attempts;

                    public string Tag(string text)
                    {
                        _attempts = 0;
                        {|TR0005:do|}
                        {
                            _attempts++;
                            try
                            {
                                return _chat.CompleteChat(text).Value.Content[0].Text;
                            }
                            {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                            {
                                Thread.Sleep(1000 * _attempts);
                            }
                        }
                        while (_attempts < MaxAttempts);

                        throw new InvalidOperationException("tagging failed after " + _attempts + " attempts");
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

                public class Tagger
                {
                    private const int MaxAttempts = 4;
                    private readonly ChatClient _chat;
                    private int _attempts;

                    public Tagger(ChatClient chat) { _chat = chat; }

                    public int Attempts => _attempts;

                    public string Tag(string text)
                    {
                        _attempts = 0;
                        for (int attempt = 1; attempt <= 6 && (attempt == 1 || _attempts < MaxAttempts); attempt++)
                        {
                            _attempts++;
                            try
                            {
                                return _chat.CompleteChat(text).Value.Content[0].Text;
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

                        throw new InvalidOperationException("tagging failed after " + _attempts + " attempts");
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>Semantic Kernel: a catch (OperationCanceledException) that logs its own message keeps its type and the caller-token filter, and takes the place of the generated TaskCanceledException clause it would hide (CS0160).</summary>
        [Fact]
        public async Task UsersOperationCanceledCatch_TakesOverTheGeneratedTimeoutClause()
        {
            var source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public class NotesAgent
                {
                    private readonly IChatCompletionService _chat;

                    public NotesAgent(IChatCompletionService chat) { _chat = chat; }

                    public async Task<string> DraftAsync(ChatHistory history, CancellationToken ct)
                    {
                        {|TR0005:for|} (int i = 0; i < 3; i++)
                        {
                            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                            attemptCts.CancelAfter(TimeSpan.FromSeconds(30));
                            try
                            {
                                var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: attemptCts.Token);
                                return reply.Content ?? "";
                            }
                            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                            {
                                Console.WriteLine("attempt " + (i + 1) + " timed out");
                            }
                            {|TR0003:catch|} (HttpOperationException ex)
                            {
                                Console.WriteLine("attempt " + (i + 1) + " failed: " + ex.StatusCode);
                            }

                            await Task.Delay(4000, ct);
                        }

                        throw new TimeoutException("no draft");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public class NotesAgent
                {
                    private readonly IChatCompletionService _chat;

                    public NotesAgent(IChatCompletionService chat) { _chat = chat; }

                    public async Task<string> DraftAsync(ChatHistory history, CancellationToken ct)
                    {
                        for (int i = 0; i < 6; i++)
                        {
                            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                            attemptCts.CancelAfter(TimeSpan.FromSeconds(30));
                            try
                            {
                                var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: attemptCts.Token);
                                return reply.Content ?? "";
                            }
                            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                            {
                                Console.WriteLine("attempt " + (i + 1) + " timed out");
                                if (i + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(i + 1, null), ct);
                                }
                            }
                            catch (HttpOperationException ex) when (IsRetryable(ex))
                            {
                                Console.WriteLine("attempt " + (i + 1) + " failed: " + ex.StatusCode);
                                if (i + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(i + 1, GetRetryAfter(ex)), ct);
                                }
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                if (i + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(i + 1, GetRetryAfter(ex)), ct);
                                }
                            }
                        }

                        throw new TimeoutException("no draft");
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
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>OpenAI, sync goto retry: a count stepped in the filter (tries++ &lt; 5) that logging reports stays in the new filter, after the generated decision (C# 7.3, .NET Framework 4.8).</summary>
        [Fact]
        public async Task CountInTheFilter_StaysTheUsersCount_CSharp73_Net48()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Diagnostics;
                using System.Threading;
                using OpenAI.Embeddings;

                public class Vectorizer
                {
                    private readonly EmbeddingClient _client;

                    public Vectorizer(EmbeddingClient client) { _client = client; }

                    public OpenAIEmbedding Vectorize(string text)
                    {
                        int tries = 0;
                    {|TR0006:retry|}:
                        try
                        {
                            return _client.GenerateEmbedding(text);
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 && tries++ < 5)
                        {
                            Trace.TraceWarning("throttled, try {0}", tries);
                            Thread.Sleep(1000 << tries);
                            goto retry;
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Diagnostics;
                using System.Globalization;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Embeddings;

                public class Vectorizer
                {
                    private readonly EmbeddingClient _client;

                    public Vectorizer(EmbeddingClient client) { _client = client; }

                    public OpenAIEmbedding Vectorize(string text)
                    {
                        int tries = 0;
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return _client.GenerateEmbedding(text);
                            }
                            catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex) && tries++ < 5)
                            {
                                Trace.TraceWarning("throttled, try {0}", tries);
                                Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                            }
                            catch (TaskCanceledException) when (attempt < 6 && tries++ < 5)
                            {
                                Trace.TraceWarning("throttled, try {0}", tries);
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
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net48);
        }

        /// <summary>OpenAI: a catch that classified with a switch on the status (retry sections that break, a default that rethrows) gives way to the generated filter; the retrying section's statements stay.</summary>
        [Fact]
        public async Task SwitchOnTheStatusInTheCatch_ItsRetrySectionStays_TheGeneratedFilterDecides()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public class Describer
                {
                    private const int MaxAttempts = 4;
                    private readonly ChatClient _chat;

                    public Describer(ChatClient chat) { _chat = chat; }

                    public async Task<string> DescribeAsync(string product, CancellationToken ct)
                    {
                        {|TR0006:for|} (int attempt = 0; attempt < MaxAttempts; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(product) }, null, ct);
                                return completion.Content[0].Text;
                            }
                            {|TR0002:catch|} (ClientResultException ex)
                            {
                                switch (ex.Status)
                                {
                                    case 429:
                                    case 503:
                                        Console.WriteLine("status " + ex.Status + ", retrying");
                                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                                        break;

                                    default:
                                        throw;
                                }
                            }
                        }

                        throw new TimeoutException("no description");
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

                public class Describer
                {
                    private const int MaxAttempts = 4;
                    private readonly ChatClient _chat;

                    public Describer(ChatClient chat) { _chat = chat; }

                    public async Task<string> DescribeAsync(string product, CancellationToken ct)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(product) }, null, ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                Console.WriteLine("status " + ex.Status + ", retrying");
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                                }
                            }
                        }

                        throw new TimeoutException("no description");
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>HttpClient: a bound the class is configured with, in the retrying catch's filter (when (attempt &lt; _maxAttempts)), stays the bound of the new filter.</summary>
        [Fact]
        public async Task ConfiguredBoundInTheFilter_StaysTheBound()
        {
            var source = """
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                public class InferenceClient
                {
                    private readonly HttpClient _http;
                    private readonly int _maxAttempts;

                    public InferenceClient(HttpClient http, int maxAttempts) { _http = http; _maxAttempts = maxAttempts; }

                    public async Task<string> GenerateAsync(string url, CancellationToken ct)
                    {
                        {|TR0005:for|} (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                using var response = await _http.GetAsync(url, ct);
                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync(ct);
                            }
                            {|TR0003:catch|} (HttpRequestException ex) when (attempt < _maxAttempts)
                            {
                                Console.WriteLine("attempt " + attempt + " failed: " + ex.Message);
                                await Task.Delay(1000 * attempt, ct);
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

                public class InferenceClient
                {
                    private readonly HttpClient _http;
                    private readonly int _maxAttempts;

                    public InferenceClient(HttpClient http, int maxAttempts) { _http = http; _maxAttempts = maxAttempts; }

                    public async Task<string> GenerateAsync(string url, CancellationToken ct)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                using var response = await _http.GetAsync(url, ct);
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = await response.Content.ReadAsStringAsync();
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync(ct);
                            }
                            catch (HttpRequestException ex) when (attempt < _maxAttempts && IsRetryable(failedResponse, failedBody))
                            {
                                Console.WriteLine("attempt " + attempt + " failed: " + ex.Message);
                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(failedResponse)), ct);
                            }
                            catch (TaskCanceledException ex) when (attempt < _maxAttempts && !ct.IsCancellationRequested)
                            {
                                Console.WriteLine("attempt " + attempt + " failed: " + ex.Message);
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>HttpClient: after the success check, branches that go round on the statuses they pick (429, then 5xx) become one generated decision (the first branch's logging stays, the others only waited); the user's own ending for the rest, and for the last attempt, stays.</summary>
        [Fact]
        public async Task StatusLadder_FirstRetryBranchBecomesTheDecision_TheUsersEndingStays()
        {
            var source = """
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                public class GatewayChat
                {
                    private readonly HttpClient _http;

                    public GatewayChat(HttpClient http) { _http = http; }

                    public async Task<string> CompleteAsync(string json, CancellationToken ct)
                    {
                        {|TR0005:for|} (int attempt = 1; attempt <= 5; attempt++)
                        {
                            using var content = new StringContent(json, Encoding.UTF8, "application/json");
                            using var response = await _http.PostAsync("v1/chat/completions", content, ct);
                            if (response.IsSuccessStatusCode)
                            {
                                return await response.Content.ReadAsStringAsync(ct);
                            }

                            if ({|TR0002:response.StatusCode == HttpStatusCode.TooManyRequests|})
                            {
                                Console.WriteLine("rate limited on attempt " + attempt);
                                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                                continue;
                            }

                            if ((int)response.StatusCode >= 500)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                                continue;
                            }

                            var error = await response.Content.ReadAsStringAsync(ct);
                            throw new InvalidOperationException("gateway rejected the request: " + error);
                        }

                        throw new TimeoutException("the gateway kept failing");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                public class GatewayChat
                {
                    private readonly HttpClient _http;

                    public GatewayChat(HttpClient http) { _http = http; }

                    public async Task<string> CompleteAsync(string json, CancellationToken ct)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            using var content = new StringContent(json, Encoding.UTF8, "application/json");
                            using var response = await _http.PostAsync("v1/chat/completions", content, ct);
                            if (response.IsSuccessStatusCode)
                            {
                                return await response.Content.ReadAsStringAsync(ct);
                            }

                            var body = await response.Content.ReadAsStringAsync();

                            if (attempt < 6 && IsRetryable(response, body))
                            {
                                Console.WriteLine("rate limited on attempt " + attempt);
                                var retryAfter = GetRetryAfter(response);
                                response.Dispose();
                                await Task.Delay(GetRetryDelay(attempt, retryAfter), ct);

                                continue;
                            }

                            var error = await response.Content.ReadAsStringAsync(ct);
                            throw new InvalidOperationException("gateway rejected the request: " + error);
                        }

                        throw new TimeoutException("the gateway kept failing");
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>OpenAI, sync: a give-up guard that counts in its own condition (if (++attempt &gt; MaxRetries) throw;) is the old machinery; the logging that reads the count still counts from 1 (C# 7.3, .NET Framework 4.8).</summary>
        [Fact]
        public async Task GiveUpGuardThatCountsInItsCondition_IsTheOldMachinery_CSharp73_Net48()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Diagnostics;
                using System.Threading;
                using OpenAI.Chat;

                public class CaseSummarizer
                {
                    private const int MaxRetries = 3;
                    private readonly ChatClient _chat;

                    public CaseSummarizer(ChatClient chat) { _chat = chat; }

                    public string Summarize(string notes)
                    {
                        int attempt = 0;
                        {|TR0005:while|} (true)
                        {
                            try
                            {
                                return _chat.CompleteChat(notes).Value.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (ex.Status >= 500)
                            {
                                if (++attempt > MaxRetries)
                                {
                                    throw;
                                }

                                Trace.TraceWarning("status {0}, retry {1} of {2}", ex.Status, attempt, MaxRetries);
                                Thread.Sleep(attempt * 1500);
                            }
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Diagnostics;
                using System.Globalization;
                using System.Threading;
                using OpenAI.Chat;

                public class CaseSummarizer
                {
                    private const int MaxRetries = 3;
                    private readonly ChatClient _chat;

                    public CaseSummarizer(ChatClient chat) { _chat = chat; }

                    public string Summarize(string notes)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return _chat.CompleteChat(notes).Value.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                            {
                                Trace.TraceWarning("status {0}, retry {1} of {2}", ex.Status, attempt, MaxRetries);
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
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net48);
        }

        /// <summary>HttpClient: a branch inside the try that goes round on a status it picks (429) keeps its condition and throws through EnsureSuccessStatusCode, so the generated catches decide with the body read.</summary>
        [Fact]
        public async Task StatusPickedInsideTheTry_ThrowsThroughEnsureSuccessStatusCode()
        {
            var source = """
                using System;
                using System.Net.Http;
                using System.Text;
                using System.Threading.Tasks;

                public class CopyWriter
                {
                    private readonly HttpClient _http;

                    public CopyWriter(HttpClient http) { _http = http; }

                    public async Task<string> PostAsync(string path, string json)
                    {
                        Exception last = null;
                        {|TR0005:for|} (int i = 0; i < 3; i++)
                        {
                            try
                            {
                                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                                using var response = await _http.PostAsync(path, content);
                                if ({|TR0002:(int)response.StatusCode == 429|})
                                {
                                    await Task.Delay(700 * (i + 1));
                                    continue;
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            {|TR0001:catch|} (Exception ex)
                            {
                                last = ex;
                                await Task.Delay(500 * (i + 1));
                            }
                        }

                        throw new HttpRequestException("request failed: " + last?.Message);
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                public class CopyWriter
                {
                    private readonly HttpClient _http;

                    public CopyWriter(HttpClient http) { _http = http; }

                    public async Task<string> PostAsync(string path, string json)
                    {
                        Exception last = null;
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                                using var response = await _http.PostAsync(path, content);
                                if ((int)response.StatusCode == 429)
                                {
                                    failedResponse = response;
                                    failedBody = await response.Content.ReadAsStringAsync();
                                    response.EnsureSuccessStatusCode();
                                }

                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = await response.Content.ReadAsStringAsync();
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            catch (HttpRequestException ex) when (IsRetryable(failedResponse, failedBody))
                            {
                                last = ex;
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(failedResponse)), CancellationToken.None);
                                }
                            }
                            catch (TaskCanceledException ex)
                            {
                                last = ex;
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, null), CancellationToken.None);
                                }
                            }
                        }

                        throw new HttpRequestException("request failed: " + last?.Message);
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>OpenAI: a bound computed into a local the loop only reads (var totalAttempts = _settings.MaxRetries + 1;) is the user's number: it stays the bound, and the logging that reports it stays true.</summary>
        [Fact]
        public async Task BoundInALocalTheLoopOnlyReads_StaysTheBound()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public class RetrySettings
                {
                    public int MaxRetries { get; set; } = 3;
                }

                public class Answerer
                {
                    private readonly ChatClient _chat;
                    private readonly RetrySettings _settings;

                    public Answerer(ChatClient chat, RetrySettings settings) { _chat = chat; _settings = settings; }

                    public async Task<string> AnswerAsync(string question, CancellationToken ct)
                    {
                        var totalAttempts = _settings.MaxRetries + 1;
                        {|TR0005:for|} (var attempt = 1; attempt <= totalAttempts; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null, ct);
                                return completion.Content[0].Text;
                            }
                            {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                            {
                                if (attempt == totalAttempts)
                                {
                                    throw;
                                }

                                Console.WriteLine($"attempt {attempt}/{totalAttempts} failed with {ex.Status}");
                                await Task.Delay(3000, ct);
                            }
                        }

                        throw new InvalidOperationException("unreachable");
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

                public class RetrySettings
                {
                    public int MaxRetries { get; set; } = 3;
                }

                public class Answerer
                {
                    private readonly ChatClient _chat;
                    private readonly RetrySettings _settings;

                    public Answerer(ChatClient chat, RetrySettings settings) { _chat = chat; _settings = settings; }

                    public async Task<string> AnswerAsync(string question, CancellationToken ct)
                    {
                        var totalAttempts = _settings.MaxRetries + 1;
                        for (int attempt = 1; attempt <= totalAttempts; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null, ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                Console.WriteLine($"attempt {attempt}/{totalAttempts} failed with {ex.Status}");
                                if (attempt < totalAttempts)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                                }
                            }
                        }

                        throw new InvalidOperationException("unreachable");
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>HttpClient: a success check written as response.StatusCode == HttpStatusCode.OK stays as written and is read as the success check; the failure path after it reads the body and decides; the exception after the loop is reached once the attempts run out (C# 7.3).</summary>
        [Fact]
        public async Task StatusCodeEqualsOK_IsTheSuccessCheck_CSharp73()
        {
            var source = """
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Text;
                using System.Threading.Tasks;

                public class Translator
                {
                    private readonly HttpClient _http;

                    public Translator(HttpClient http) { _http = http; }

                    public async Task<string> TranslateAsync(string json)
                    {
                        {|TR0005:for|} (int i = 0; i < 4; i++)
                        {
                            var response = await _http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
                            if ({|TR0003:response.StatusCode == HttpStatusCode.OK|})
                            {
                                return await response.Content.ReadAsStringAsync();
                            }

                            Console.WriteLine("attempt " + (i + 1) + " failed: " + (int)response.StatusCode);
                            await Task.Delay(2000);
                        }

                        throw new HttpRequestException("translation failed");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                public class Translator
                {
                    private readonly HttpClient _http;

                    public Translator(HttpClient http) { _http = http; }

                    public async Task<string> TranslateAsync(string json)
                    {
                        for (int i = 0; i < 6; i++)
                        {
                            HttpResponseMessage response;
                            try
                            {
                                response = await _http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
                            }
                            catch (HttpRequestException)
                            {
                                if (i + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(i + 1, null), CancellationToken.None);
                                }

                                continue;
                            }
                            catch (TaskCanceledException)
                            {
                                if (i + 1 < 6)
                                {
                                    await Task.Delay(GetRetryDelay(i + 1, null), CancellationToken.None);
                                }

                                continue;
                            }

                            if (response.StatusCode == HttpStatusCode.OK)
                            {
                                return await response.Content.ReadAsStringAsync();
                            }

                            Console.WriteLine("attempt " + (i + 1) + " failed: " + (int)response.StatusCode);

                            var body = await response.Content.ReadAsStringAsync();
                            if (!IsRetryable(response, body))
                            {
                                response.EnsureSuccessStatusCode();
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            if (i + 1 < 6)
                            {
                                await Task.Delay(GetRetryDelay(i + 1, retryAfter), CancellationToken.None);
                            }
                        }

                        throw new HttpRequestException("translation failed");
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net80);
        }

        /// <summary>A typed last exception rethrown after the loop is the last failure propagating; 'i &lt;= _retryCount' from 0 is the first attempt and that many retries, so the filter stops at _retryCount; the blank line before the removed bookkeeping stays.</summary>
        [Fact]
        public async Task ThrowLastTyped_ConfiguredRetryCount_CSharp73()
        {
            var source = """
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.Linq;
                using OpenAI.Embeddings;

                class VectorCache
                {
                    private readonly Dictionary<string, float[]> _cache = new Dictionary<string, float[]>();
                    private readonly EmbeddingClient _client;
                    private readonly int _retryCount;

                    public VectorCache(EmbeddingClient client, int retryCount)
                    {
                        _client = client;
                        _retryCount = retryCount;
                    }

                    public float[] GetVector(string text)
                    {
                        float[] cached;
                        if (_cache.TryGetValue(text, out cached))
                        {
                            return cached;
                        }

                        ClientResultException last = null;
                        var options = new EmbeddingGenerationOptions { Dimensions = 512 };

                        {|TR0005:for|} (int i = 0; i <= _retryCount; i++)
                        {
                            try
                            {
                                OpenAIEmbedding embedding = _client.GenerateEmbedding(text, options);
                                float[] vector = embedding.ToFloats().ToArray();
                                _cache[text] = vector;
                                return vector;
                            }
                            {|TR0003:catch|} (ClientResultException ex) when (ex.Status != 400)
                            {
                                last = ex;
                                Debug.WriteLine(string.Format("try {0} failed with {1}", i + 1, ex.Status));
                                System.Threading.Thread.Sleep(500);
                            }
                        }

                        throw last;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.Globalization;
                using System.Linq;
                using System.Threading;
                using OpenAI.Embeddings;

                class VectorCache
                {
                    private readonly Dictionary<string, float[]> _cache = new Dictionary<string, float[]>();
                    private readonly EmbeddingClient _client;
                    private readonly int _retryCount;

                    public VectorCache(EmbeddingClient client, int retryCount)
                    {
                        _client = client;
                        _retryCount = retryCount;
                    }

                    public float[] GetVector(string text)
                    {
                        float[] cached;
                        if (_cache.TryGetValue(text, out cached))
                        {
                            return cached;
                        }

                        var options = new EmbeddingGenerationOptions { Dimensions = 512 };

                        for (int i = 0; ; i++)
                        {
                            try
                            {
                                OpenAIEmbedding embedding = _client.GenerateEmbedding(text, options);
                                float[] vector = embedding.ToFloats().ToArray();
                                _cache[text] = vector;
                                return vector;
                            }
                            catch (ClientResultException ex) when (i < _retryCount && IsRetryable(ex))
                            {
                                Debug.WriteLine(string.Format("try {0} failed with {1}", i + 1, ex.Status));
                                Thread.Sleep(GetRetryDelay(i + 1, GetRetryAfter(ex)));
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
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net80);
        }

        /// <summary>do { … if (response.IsSuccessStatusCode) break; … } while (attempt &lt; 4): a braceless break leaves the loop on success; the error body the user already read is the body the decision reads (not read twice).</summary>
        [Fact]
        public async Task BracelessBreakOnSuccess_ReusesTheUsersBodyRead()
        {
            var source = """
                using System;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;

                class ModerationGateway
                {
                    private readonly HttpClient _http;
                    private readonly ILogger _logger;

                    public ModerationGateway(HttpClient http, ILogger logger)
                    {
                        _http = http;
                        _logger = logger;
                    }

                    public async Task<string> ModerateAsync(object payload, CancellationToken ct)
                    {
                        HttpResponseMessage response;
                        var attempt = 0;
                        var delay = TimeSpan.FromMilliseconds(500);

                        {|TR0006:do|}
                        {
                            attempt++;
                            response = await _http.PostAsJsonAsync("v1/moderations", payload, ct);
                            if ({|TR0003:response.IsSuccessStatusCode|})
                                break;

                            var error = await response.Content.ReadAsStringAsync(ct);
                            _logger.LogWarning("Moderation failed with {Status}: {Body}", (int)response.StatusCode, error);
                            response.Dispose();

                            await Task.Delay(delay, ct);
                            delay *= 2;
                        }
                        while (attempt < 4);

                        response.EnsureSuccessStatusCode();
                        using (response)
                        {
                            return await response.Content.ReadAsStringAsync(ct);
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;

                class ModerationGateway
                {
                    private readonly HttpClient _http;
                    private readonly ILogger _logger;

                    public ModerationGateway(HttpClient http, ILogger logger)
                    {
                        _http = http;
                        _logger = logger;
                    }

                    public async Task<string> ModerateAsync(object payload, CancellationToken ct)
                    {
                        HttpResponseMessage response;

                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                response = await _http.PostAsJsonAsync("v1/moderations", payload, ct);
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
                                break;

                            var error = await response.Content.ReadAsStringAsync(ct);
                            _logger.LogWarning("Moderation failed with {Status}: {Body}", (int)response.StatusCode, error);

                            if (attempt >= 6 || !IsRetryable(response, error))
                            {
                                response.EnsureSuccessStatusCode();
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            await Task.Delay(GetRetryDelay(attempt, retryAfter), ct);
                        }

                        response.EnsureSuccessStatusCode();
                        using (response)
                        {
                            return await response.Content.ReadAsStringAsync(ct);
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>GetFromJsonAsync hides the error body: the rewrite sends with GetAsync and reads with ReadFromJsonAsync; the fallback after the loop (log, empty catalog) runs in the last attempt's catch, then the failure propagates.</summary>
        [Fact]
        public async Task GetFromJsonAsync_FallbackAfterTheLoopRunsOnGiveUp()
        {
            var source = """
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;

                class ModelCatalog
                {
                    private readonly HttpClient _http;
                    private readonly ILogger _logger;
                    private string[] _models = Array.Empty<string>();

                    public ModelCatalog(HttpClient http, ILogger logger)
                    {
                        _http = http;
                        _logger = logger;
                    }

                    public async Task WarmUpAsync(CancellationToken cancellationToken)
                    {
                        {|TR0008:{|TR0005:for|}|} (var attempt = 1; attempt <= 5; attempt++)
                        {
                            try
                            {
                                _models = await _http.GetFromJsonAsync<string[]>("v1/models", cancellationToken) ?? Array.Empty<string>();
                                return;
                            }
                            {|TR0003:catch|} (HttpRequestException ex) when (ex.StatusCode != HttpStatusCode.Unauthorized)
                            {
                                _logger.LogWarning(ex, "Loading the model catalog failed");
                                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
                            }
                        }

                        _logger.LogError("Model catalog unavailable; continuing with an empty catalog");
                        _models = Array.Empty<string>();
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;

                class ModelCatalog
                {
                    private readonly HttpClient _http;
                    private readonly ILogger _logger;
                    private string[] _models = Array.Empty<string>();

                    public ModelCatalog(HttpClient http, ILogger logger)
                    {
                        _http = http;
                        _logger = logger;
                    }

                    public async Task WarmUpAsync(CancellationToken cancellationToken)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage failedResponse = null;
                            string failedBody = null;

                            try
                            {
                                var response = await _http.GetAsync("v1/models", cancellationToken);
                                if (!response.IsSuccessStatusCode)
                                {
                                    failedResponse = response;
                                    failedBody = await response.Content.ReadAsStringAsync();
                                }

                                response.EnsureSuccessStatusCode();
                                _models = await response.Content.ReadFromJsonAsync<string[]>(cancellationToken: cancellationToken) ?? Array.Empty<string>();
                                return;
                            }
                            catch (HttpRequestException ex) when (IsRetryable(failedResponse, failedBody))
                            {
                                _logger.LogWarning(ex, "Loading the model catalog failed");
                                if (attempt >= 6)
                                {
                                    _logger.LogError("Model catalog unavailable; continuing with an empty catalog");
                                    _models = Array.Empty<string>();
                                    throw;
                                }

                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(failedResponse)), cancellationToken);
                            }
                            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                            {
                                _logger.LogWarning(ex, "Loading the model catalog failed");
                                if (attempt >= 6)
                                {
                                    _logger.LogError("Model catalog unavailable; continuing with an empty catalog");
                                    _models = Array.Empty<string>();
                                    throw;
                                }

                                await Task.Delay(GetRetryDelay(attempt, null), cancellationToken);
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>An OpenAI call with a defensive RequestFailedException catch: the calls decide the family, and the other library's catch gets that library's own decision instead of retrying everything.</summary>
        [Fact]
        public async Task DefensiveCatchOfAnotherLibrary_GetsThatLibrarysDecision()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using Azure;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;

                class SupportChat
                {
                    private const int MaxAttempts = 5;
                    private readonly ChatClient _chat;
                    private readonly ILogger _logger;

                    public SupportChat(ChatClient chat, ILogger logger)
                    {
                        _chat = chat;
                        _logger = logger;
                    }

                    public async Task<string> AnswerAsync(string question, CancellationToken ct)
                    {
                        var attempt = 0;
                        while (true)
                        {
                            attempt++;
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, cancellationToken: ct);
                                return completion.Content[0].Text;
                            }
                            {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts)
                            {
                                _logger.LogWarning("Throttled (attempt {Attempt})", attempt);
                            }
                            catch (RequestFailedException ex) when (ex.Status == 429 && attempt < MaxAttempts)
                            {
                                _logger.LogWarning("Throttled ({ErrorCode}), attempt {Attempt}", ex.ErrorCode, attempt);
                            }

                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), ct);
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
                using Azure;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;

                class SupportChat
                {
                    private const int MaxAttempts = 5;
                    private readonly ChatClient _chat;
                    private readonly ILogger _logger;

                    public SupportChat(ChatClient chat, ILogger logger)
                    {
                        _chat = chat;
                        _logger = logger;
                    }

                    public async Task<string> AnswerAsync(string question, CancellationToken ct)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, cancellationToken: ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                            {
                                _logger.LogWarning("Throttled (attempt {Attempt})", attempt);
                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                            }
                            catch (RequestFailedException ex) when (attempt < 6 && IsRetryable(ex))
                            {
                                _logger.LogWarning("Throttled ({ErrorCode}), attempt {Attempt}", ex.ErrorCode, attempt);
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

                {{ExpectedHelpers.IsRetryableAzure}}

                {{ExpectedHelpers.GetRetryAfterAzure}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>if (attempt &lt; 5) { var delay = …; await Task.Delay(delay); } after the try: the guarded wait and its local are machinery and go.</summary>
        [Fact]
        public async Task GuardedWaitBlockAfterTheTry_IsMachinery()
        {
            var source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;
                using Anthropic.Services;

                static class MessageRetry
                {
                    public static async Task<Message> CreateWithBackoffAsync(this IMessageService messages, MessageCreateParams parameters, CancellationToken cancellationToken = default)
                    {
                        {|TR0006:for|} (var attempt = 1; attempt <= 5; attempt++)
                        {
                            try
                            {
                                return await messages.Create(parameters, cancellationToken).ConfigureAwait(false);
                            }
                            {|TR0002:catch|} (AnthropicRateLimitException ex)
                            {
                                Console.Error.WriteLine($"Rate limited (request {ex.RequestID}), attempt {attempt}");
                            }

                            if (attempt < 5)
                            {
                                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                            }
                        }

                        throw new InvalidOperationException("Claude kept rate limiting us.");
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;
                using Anthropic.Services;

                static class MessageRetry
                {
                    public static async Task<Message> CreateWithBackoffAsync(this IMessageService messages, MessageCreateParams parameters, CancellationToken cancellationToken = default)
                    {
                        for (int attempt = 1; attempt <= 6; attempt++)
                        {
                            try
                            {
                                return await messages.Create(parameters, cancellationToken).ConfigureAwait(false);
                            }
                            catch (AnthropicRateLimitException ex) when (IsRetryable(ex))
                            {
                                Console.Error.WriteLine($"Rate limited (request {ex.RequestID}), attempt {attempt}");
                                if (attempt < 6)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, null), cancellationToken).ConfigureAwait(false);
                                }
                            }
                        }

                        throw new InvalidOperationException("Claude kept rate limiting us.");
                    }

                {{ExpectedHelpers.IsRetryableAnthropic}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>A recursive local function whose catches fall out of the try into the wait and the recursive call: that tail is the retry, and the budget the catches check stays in the filter, once.</summary>
        [Fact]
        public async Task Recursive_WaitAndCallAfterTheTry_BecomesTheLoop()
        {
            var source = """
                using System;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                class TicketTriage
                {
                    private readonly AnthropicClient _client;

                    public TicketTriage(AnthropicClient client) { _client = client; }

                    public async Task<string> ClassifyAsync(MessageCreateParams parameters, CancellationToken ct)
                    {
                        return await AttemptAsync(4);

                        async Task<string> AttemptAsync(int remaining)
                        {
                            try
                            {
                                var message = await _client.Messages.Create(parameters, ct);
                                return message.Content.Select(b => b.TryPickText(out var t) ? t.Text : "").FirstOrDefault() ?? "";
                            }
                            {|TR0002:catch|} (AnthropicRateLimitException ex) when (remaining > 0)
                            {
                                Console.Error.WriteLine($"Throttled (request {ex.RequestID}); {remaining} attempts left");
                            }
                            catch (Anthropic5xxException) when (remaining > 0)
                            {
                                Console.Error.WriteLine($"Claude failed; {remaining} attempts left");
                            }

                            await Task.Delay(TimeSpan.FromSeconds(3), ct);
                            return await {|TR0005:AttemptAsync(remaining - 1)|};
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                class TicketTriage
                {
                    private readonly AnthropicClient _client;

                    public TicketTriage(AnthropicClient client) { _client = client; }

                    public async Task<string> ClassifyAsync(MessageCreateParams parameters, CancellationToken ct)
                    {
                        return await AttemptAsync(4);

                        async Task<string> AttemptAsync(int remaining)
                        {
                            for (int attempt = 1; ; attempt++)
                            {
                                try
                                {
                                    var message = await _client.Messages.Create(parameters, ct);
                                    return message.Content.Select(b => b.TryPickText(out var t) ? t.Text : "").FirstOrDefault() ?? "";
                                }
                                catch (AnthropicRateLimitException ex) when (attempt < 6 && IsRetryable(ex) && remaining > 0)
                                {
                                    Console.Error.WriteLine($"Throttled (request {ex.RequestID}); {remaining} attempts left");
                                    await Task.Delay(GetRetryDelay(attempt, null), ct);
                                    remaining--;
                                }
                                catch (Anthropic5xxException ex) when (attempt < 6 && IsRetryable(ex) && remaining > 0)
                                {
                                    Console.Error.WriteLine($"Claude failed; {remaining} attempts left");
                                    await Task.Delay(GetRetryDelay(attempt, null), ct);
                                    remaining--;
                                }
                                catch (AnthropicException ex) when (attempt < 6 && IsRetryable(ex) && remaining > 0)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, null), ct);
                                    remaining--;
                                }
                                catch (TaskCanceledException) when (attempt < 6 && !ct.IsCancellationRequested && remaining > 0)
                                {
                                    await Task.Delay(GetRetryDelay(attempt, null), ct);
                                    remaining--;
                                }
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableAnthropic}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>A handler that returns the response on 'IsSuccessStatusCode || !transient || attempt &gt;= maxAttempts': the check becomes the success check alone, the locals only it read go with the user's own wait, the generated decision returns the response, and the caller's maxAttempts stays the bound.</summary>
        [Fact]
        public async Task StatusHandler_SuccessOrItsOwnStop_ReturnsTheResponse()
        {
            var source = """
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                public static class HttpClientRetryExtensions
                {
                    public static async Task<HttpResponseMessage> SendWithRetryAsync(this HttpClient http, Func<HttpRequestMessage> requestFactory, int maxAttempts = 5, CancellationToken ct = default)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            var response = await http.SendAsync(requestFactory(), ct).ConfigureAwait(false);
                            int status = (int)response.StatusCode;
                            bool transient = status == 429 || status >= 500;

                            if ({|TR0002:response.IsSuccessStatusCode || !transient || attempt >= maxAttempts|})
                                return response;

                            var retryAfter = response.Headers.RetryAfter?.Delta;
                            TimeSpan wait = retryAfter ?? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1)));
                            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;

                            response.Dispose();
                            await Task.Delay(wait, ct).ConfigureAwait(false);
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                public static class HttpClientRetryExtensions
                {
                    public static async Task<HttpResponseMessage> SendWithRetryAsync(this HttpClient http, Func<HttpRequestMessage> requestFactory, int maxAttempts = 5, CancellationToken ct = default)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage response;
                            try
                            {
                                response = await http.SendAsync(requestFactory(), ct).ConfigureAwait(false);
                            }
                            catch (HttpRequestException) when (attempt < maxAttempts)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct).ConfigureAwait(false);
                                continue;
                            }
                            catch (TaskCanceledException) when (attempt < maxAttempts && !ct.IsCancellationRequested)
                            {
                                await Task.Delay(GetRetryDelay(attempt, null), ct).ConfigureAwait(false);
                                continue;
                            }

                            if (response.IsSuccessStatusCode)
                                return response;

                            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            if (attempt >= maxAttempts || !IsRetryable(response, body))
                            {
                                return response;
                            }

                            var retryAfter = GetRetryAfter(response);
                            response.Dispose();
                            await Task.Delay(GetRetryDelay(attempt, retryAfter), ct).ConfigureAwait(false);
                        }
                    }

                {{ExpectedHelpers.IsRetryableHttpResponse}}

                {{ExpectedHelpers.GetRetryAfterHttpResponse}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>for (…; reply is null; …) with reply assigned by the attempt: the assignment is the success and a break follows it; the bound read from settings (o.MaxAttempts) stays the bound.</summary>
        [Fact]
        public async Task ResultNullInTheLoopCondition_IsTheSuccess_SettingsBoundStays()
        {
            var source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;
                using Microsoft.Extensions.Logging;
                using Microsoft.Extensions.Options;

                public sealed class ClaudeOptions
                {
                    public int MaxAttempts { get; set; } = 4;
                }

                public sealed class Triage(AnthropicClient claude, IOptions<ClaudeOptions> options, ILogger<Triage> logger)
                {
                    public async Task<string> TriageAsync(MessageCreateParams parameters, CancellationToken ct)
                    {
                        var o = options.Value;
                        Message? reply = null;
                        {|TR0005:for|} (var attempt = 1; reply is null; attempt++)
                        {
                            try
                            {
                                reply = await claude.Messages.Create(parameters, ct);
                            }
                            {|TR0002:catch|} (AnthropicApiException ex) when (attempt < o.MaxAttempts && ex is AnthropicRateLimitException or Anthropic5xxException)
                            {
                                logger.LogWarning(ex, "Claude answered {Status}; retry {Attempt}", (int)ex.StatusCode, attempt);
                                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), ct);
                            }
                        }

                        return reply.Model.ToString();
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;
                using Microsoft.Extensions.Logging;
                using Microsoft.Extensions.Options;

                public sealed class ClaudeOptions
                {
                    public int MaxAttempts { get; set; } = 4;
                }

                public sealed class Triage(AnthropicClient claude, IOptions<ClaudeOptions> options, ILogger<Triage> logger)
                {
                    public async Task<string> TriageAsync(MessageCreateParams parameters, CancellationToken ct)
                    {
                        var o = options.Value;
                        Message? reply = null;
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                reply = await claude.Messages.Create(parameters, ct);
                                break;
                            }
                            catch (AnthropicApiException ex) when (attempt < o.MaxAttempts && IsRetryable(ex))
                            {
                                logger.LogWarning(ex, "Claude answered {Status}; retry {Attempt}", (int)ex.StatusCode, attempt);
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                            }
                        }

                        return reply.Model.ToString();
                    }

                {{ExpectedHelpers.IsRetryableAnthropic}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>do { attempt++; try { answer = …; } catch { if (attempt &gt;= o.MaxAttempts) throw; … } } while (answer is null), the count logged after the loop: the user's count stays as it is, the new loop counts its own attempts up to the same configured bound.</summary>
        [Fact]
        public async Task DoWhileResultNull_CounterReadAfterTheLoop_GuardBoundStays()
        {
            var source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;
                using Microsoft.Extensions.Options;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public sealed class AnswerOptions
                {
                    public int MaxAttempts { get; set; } = 3;
                }

                public sealed class Answerer(IChatCompletionService chat, IOptions<AnswerOptions> options, ILogger<Answerer> logger)
                {
                    public async Task<string> AnswerAsync(ChatHistory history, CancellationToken ct)
                    {
                        var o = options.Value;
                        var attempt = 0;
                        ChatMessageContent? answer = null;
                        {|TR0005:do|}
                        {
                            attempt++;
                            try
                            {
                                answer = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            }
                            {|TR0003:catch|} (HttpOperationException ex)
                            {
                                if (attempt >= o.MaxAttempts)
                                    throw;

                                logger.LogWarning("Attempt {Attempt} got {Status}", attempt, ex.StatusCode);
                                await Task.Delay(1000, ct);
                            }
                        } while (answer is null);

                        logger.LogInformation("Answered in {Attempts} attempt(s)", attempt);
                        return answer.Content ?? string.Empty;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;
                using Microsoft.Extensions.Options;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public sealed class AnswerOptions
                {
                    public int MaxAttempts { get; set; } = 3;
                }

                public sealed class Answerer(IChatCompletionService chat, IOptions<AnswerOptions> options, ILogger<Answerer> logger)
                {
                    public async Task<string> AnswerAsync(ChatHistory history, CancellationToken ct)
                    {
                        var o = options.Value;
                        var attempt = 0;
                        ChatMessageContent? answer = null;
                        for (int attemptNumber = 1; ; attemptNumber++)
                        {
                            attempt++;
                            try
                            {
                                answer = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                                break;
                            }
                            catch (HttpOperationException ex) when (attemptNumber < o.MaxAttempts && IsRetryable(ex))
                            {
                                logger.LogWarning("Attempt {Attempt} got {Status}", attempt, ex.StatusCode);
                                await Task.Delay(GetRetryDelay(attemptNumber, GetRetryAfter(ex)), ct);
                            }
                        }

                        logger.LogInformation("Answered in {Attempts} attempt(s)", attempt);
                        return answer.Content ?? string.Empty;
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
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>if (reply == null) { _history.RemoveAt(…); return "Sorry…"; } after a loop that stops on a result: the history clean-up runs in the last attempt's catch and the failure propagates instead of the apology.</summary>
        [Fact]
        public async Task ResultNullGiveUpEnding_RunsInTheLastAttemptsCatch_CSharp73()
        {
            var source = """
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.Threading;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public sealed class AssistantAdapter
                {
                    private readonly IChatCompletionService _chat;
                    private readonly ChatHistory _history = new ChatHistory();

                    public AssistantAdapter(IChatCompletionService chat) { _chat = chat; }

                    public string Reply(string userText)
                    {
                        _history.AddUserMessage(userText);
                        string reply = null;

                        {|TR0008:{|TR0005:for|}|} (int attempt = 0; attempt < 3 && reply == null; attempt++)
                        {
                            try
                            {
                                ChatMessageContent result = _chat.GetChatMessageContentAsync(_history).GetAwaiter().GetResult();
                                reply = result.Content;
                            }
                            {|TR0003:catch|} (HttpOperationException ex)
                            {
                                Trace.TraceWarning("SK chat call failed with {0}", ex.StatusCode);
                                Thread.Sleep(2000);
                            }
                        }

                        if (reply == null)
                        {
                            // keep the history consistent for the next question
                            _history.RemoveAt(_history.Count - 1);
                            return "Sorry, the assistant is unavailable right now.";
                        }

                        _history.AddAssistantMessage(reply);
                        return reply;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.Globalization;
                using System.Threading;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public sealed class AssistantAdapter
                {
                    private readonly IChatCompletionService _chat;
                    private readonly ChatHistory _history = new ChatHistory();

                    public AssistantAdapter(IChatCompletionService chat) { _chat = chat; }

                    public string Reply(string userText)
                    {
                        _history.AddUserMessage(userText);
                        string reply = null;

                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatMessageContent result = _chat.GetChatMessageContentAsync(_history).GetAwaiter().GetResult();
                                reply = result.Content;
                                break;
                            }
                            catch (HttpOperationException ex) when (IsRetryable(ex))
                            {
                                Trace.TraceWarning("SK chat call failed with {0}", ex.StatusCode);
                                if (attempt >= 6)
                                {
                                    // keep the history consistent for the next question
                                    _history.RemoveAt(_history.Count - 1);
                                    throw;
                                }

                                Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                            }
                        }

                        _history.AddAssistantMessage(reply);
                        return reply;
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
                """;
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net80);
        }

        /// <summary>A give-up branch that logs and breaks out to 'return completion;' (null): its break becomes throw;, so the last failure reaches the caller; the caller's maxRetries stays the bound.</summary>
        [Fact]
        public async Task GiveUpBreakThatOnlyLogs_BecomesThrow()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public static class ChatClientRetryExtensions
                {
                    public static async Task<ChatCompletion?> CompleteWithRetryAsync(this ChatClient client, IEnumerable<ChatMessage> messages, int maxRetries = 3, CancellationToken cancellationToken = default)
                    {
                        int attempt = 0;
                        ChatCompletion? completion = null;

                        {|TR0008:do|}
                        {
                            try
                            {
                                ClientResult<ChatCompletion> result = await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                                completion = result.Value;
                                break;
                            }
                            {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                            {
                                attempt++;
                                if (attempt > maxRetries)
                                {
                                    // out of retries
                                    Console.Error.WriteLine($"OpenAI request failed after {maxRetries} retries: {ex.Status}");
                                    break;
                                }

                                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), cancellationToken);
                            }
                        }
                        while (attempt <= maxRetries);

                        return completion;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Globalization;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public static class ChatClientRetryExtensions
                {
                    public static async Task<ChatCompletion?> CompleteWithRetryAsync(this ChatClient client, IEnumerable<ChatMessage> messages, int maxRetries = 3, CancellationToken cancellationToken = default)
                    {
                        ChatCompletion? completion = null;

                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ClientResult<ChatCompletion> result = await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                                completion = result.Value;
                                break;
                            }
                            catch (ClientResultException ex) when (IsRetryable(ex))
                            {
                                if (attempt >= maxRetries + 1)
                                {
                                    // out of retries
                                    Console.Error.WriteLine($"OpenAI request failed after {maxRetries} retries: {ex.Status}");
                                    throw;
                                }

                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), cancellationToken);
                            }
                        }

                        return completion;
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>A give-up branch that records the stop (stopBatch = true; break;) for the code after the loop: its break stays, so the batch still stops the way the user wrote it.</summary>
        [Fact]
        public async Task GiveUpBreakThatRecordsTheStop_KeepsItsBreak_CSharp73()
        {
            var source = """
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.Threading;
                using OpenAI.Chat;

                public sealed class Enricher
                {
                    private const int MaxAttempts = 4;
                    private readonly ChatClient _chat;

                    public Enricher(ChatClient chat) { _chat = chat; }

                    public List<string> Describe(IEnumerable<string> titles)
                    {
                        var descriptions = new List<string>();
                        bool stopBatch = false;
                        foreach (var title in titles)
                        {
                            string description = null;
                            {|TR0005:for|} (int attempt = 1; attempt <= MaxAttempts; attempt++)
                            {
                                try
                                {
                                    description = _chat.CompleteChat(new UserChatMessage(title)).Value.Content[0].Text;
                                    break;
                                }
                                {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429)
                                {
                                    if (attempt == MaxAttempts)
                                    {
                                        Trace.TraceError("Still throttled on {0}, stopping batch", title);
                                        stopBatch = true;
                                        break;
                                    }

                                    Thread.Sleep(10000 * attempt);
                                }
                            }

                            if (stopBatch)
                                break;

                            descriptions.Add(description);
                        }

                        return descriptions;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.Globalization;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public sealed class Enricher
                {
                    private const int MaxAttempts = 4;
                    private readonly ChatClient _chat;

                    public Enricher(ChatClient chat) { _chat = chat; }

                    public List<string> Describe(IEnumerable<string> titles)
                    {
                        var descriptions = new List<string>();
                        bool stopBatch = false;
                        foreach (var title in titles)
                        {
                            string description = null;
                            for (int attempt = 1; ; attempt++)
                            {
                                try
                                {
                                    description = _chat.CompleteChat(new UserChatMessage(title)).Value.Content[0].Text;
                                    break;
                                }
                                catch (ClientResultException ex) when (IsRetryable(ex))
                                {
                                    if (attempt >= 6)
                                    {
                                        Trace.TraceError("Still throttled on {0}, stopping batch", title);
                                        stopBatch = true;
                                        break;
                                    }

                                    Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                                }
                                catch (TaskCanceledException)
                                {
                                    if (attempt >= 6)
                                    {
                                        Trace.TraceError("Still throttled on {0}, stopping batch", title);
                                        stopBatch = true;
                                        break;
                                    }

                                    Thread.Sleep(GetRetryDelay(attempt, null));
                                }
                            }

                            if (stopBatch)
                                break;

                            descriptions.Add(description);
                        }

                        return descriptions;
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net80);
        }

        /// <summary>A loop among a top-level program's statements: it is rewritten in place, and the helpers go into a partial class Program after the statements.</summary>
        [Fact]
        public async Task TopLevelStatementLoop_HelpersGoIntoPartialProgram()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;
                using OpenAI.Embeddings;

                var chat = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                var embeddings = new EmbeddingClient("text-embedding-3-small", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));

                string answer = null;
                {|TR0005:for|} (int i = 0; i < 5; i++)
                {
                    try
                    {
                        answer = chat.CompleteChat("Say hello").Value.Content[0].Text;
                        break;
                    }
                    {|TR0003:catch|} (ClientResultException ex)
                    {
                        Console.WriteLine($"Attempt {i + 1} failed: {ex.Status}");
                        Thread.Sleep(2000);
                    }
                }

                Console.WriteLine(answer);
                Console.WriteLine(Embed(answer ?? "")?.Length);

                float[] Embed(string text)
                {
                    return embeddings.GenerateEmbedding(text).Value.ToFloats().ToArray();
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using OpenAI.Chat;
                using OpenAI.Embeddings;

                var chat = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                var embeddings = new EmbeddingClient("text-embedding-3-small", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));

                string answer = null;
                for (int i = 0; ; i++)
                {
                    try
                    {
                        answer = chat.CompleteChat("Say hello").Value.Content[0].Text;
                        break;
                    }
                    catch (ClientResultException ex) when (i + 1 < 6 && IsRetryable(ex))
                    {
                        Console.WriteLine($"Attempt {i + 1} failed: {ex.Status}");
                        Thread.Sleep(GetRetryDelay(i + 1, GetRetryAfter(ex)));
                    }
                }

                Console.WriteLine(answer);
                Console.WriteLine(Embed(answer ?? "")?.Length);

                float[] Embed(string text)
                {
                    return embeddings.GenerateEmbedding(text).Value.ToFloats().ToArray();
                }

                partial class Program
                {
                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>A loop in a local function of a top-level program: the helpers go into a partial class Program after the statements.</summary>
        [Fact]
        public async Task TopLevelLocalFunctionLoop_HelpersGoIntoPartialProgram()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;
                using OpenAI.Embeddings;

                var chat = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                var embeddings = new EmbeddingClient("text-embedding-3-small", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));

                string answer = "hello";
                Console.WriteLine(answer);
                Console.WriteLine(Embed(answer ?? "")?.Length);

                float[] Embed(string text)
                {
                    {|TR0005:{|TR0008:for|}|} (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            return embeddings.GenerateEmbedding(text).Value.ToFloats().ToArray();
                        }
                        {|TR0003:catch|} (ClientResultException ex)
                        {
                            Console.WriteLine($"  attempt {attempt} failed: {ex.Status}");
                            Thread.Sleep(1000);
                        }
                    }

                    return null;
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Threading;
                using OpenAI.Chat;
                using OpenAI.Embeddings;

                var chat = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                var embeddings = new EmbeddingClient("text-embedding-3-small", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));

                string answer = "hello";
                Console.WriteLine(answer);
                Console.WriteLine(Embed(answer ?? "")?.Length);

                float[] Embed(string text)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return embeddings.GenerateEmbedding(text).Value.ToFloats().ToArray();
                        }
                        catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                        {
                            Console.WriteLine($"  attempt {attempt} failed: {ex.Status}");
                            Thread.Sleep(GetRetryDelay(attempt, GetRetryAfter(ex)));
                        }
                    }
                }

                partial class Program
                {
                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                {{ExpectedHelpers.ParseRetryAfter}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>for (int remaining = 3; ; remaining--) whose count the log reports: the new header declares and steps it beside its own attempt counter, and the filter keeps 'remaining &gt; 0'.</summary>
        [Fact]
        public async Task HeaderCountdownReadByKeptCode_StaysInTheNewHeader()
        {
            var source = """
                using System;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public sealed class FaqWriter(AnthropicClient client)
                {
                    public async Task<string> AskAsync(MessageCreateParams parameters, string question, CancellationToken ct)
                    {
                        {|TR0006:for|} (int remaining = 3; ; remaining--)
                        {
                            try
                            {
                                var message = await client.Messages.Create(parameters, ct);
                                return string.Join("", message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
                            }
                            {|TR0003:catch|} (AnthropicApiException ex) when (remaining > 0 && (int)ex.StatusCode >= 400)
                            {
                                Console.Error.WriteLine($"[faq] {(int)ex.StatusCode} for \"{question}\", {remaining} retries left");
                                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, 3 - remaining)), ct);
                            }
                        }
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Exceptions;
                using Anthropic.Models.Messages;

                public sealed class FaqWriter(AnthropicClient client)
                {
                    public async Task<string> AskAsync(MessageCreateParams parameters, string question, CancellationToken ct)
                    {
                        for (int attempt = 1, remaining = 3; ; attempt++, remaining--)
                        {
                            try
                            {
                                var message = await client.Messages.Create(parameters, ct);
                                return string.Join("", message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
                            }
                            catch (AnthropicApiException ex) when (attempt < 6 && IsRetryable(ex) && remaining > 0)
                            {
                                Console.Error.WriteLine($"[faq] {(int)ex.StatusCode} for \"{question}\", {remaining} retries left");
                                await Task.Delay(GetRetryDelay(attempt, null), ct);
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableAnthropic}}

                {{ExpectedHelpers.RetryDelay}}

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>A catch filtered by the user's IsRetryable(ex, out retryAfter) and MaxAttempts, blocking with Thread.Sleep in an async method: the generated IsRetryable(ex) goes beside the user's overload, and MaxAttempts, which the log reports, stays the bound.</summary>
        [Fact]
        public async Task UsersClassifierWithAnOutParameter_IsAnotherOverload_ConstantBoundInTheLogStays()
        {
            var source = """
                using System;
                using System.Net;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public sealed class ProductQa(IChatCompletionService chat, ILogger<ProductQa> logger)
                {
                    private const int MaxAttempts = 4;

                    public async Task<string> AnswerAsync(ChatHistory history, CancellationToken ct)
                    {
                        {|TR0007:for|} (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatMessageContent reply = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                                return reply.Content ?? string.Empty;
                            }
                            catch (HttpOperationException ex) when (attempt < MaxAttempts && IsRetryable(ex, out TimeSpan? retryAfter))
                            {
                                logger.LogWarning("Chat call failed with {Status} on attempt {Attempt}/{Max}", ex.StatusCode, attempt, MaxAttempts);
                                Thread.Sleep(retryAfter ?? TimeSpan.FromSeconds(attempt));
                            }
                        }
                    }

                    private static bool IsRetryable(HttpOperationException ex, out TimeSpan? retryAfter)
                    {
                        retryAfter = null;
                        string body = ex.ResponseContent ?? string.Empty;
                        if (body.Contains("API_KEY_QUOTA_EXHAUSTED") || body.Contains("USAGE_LIMIT_EXCEEDED"))
                        {
                            return false;
                        }

                        return ex.StatusCode is null || ex.StatusCode == HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500;
                    }
                }
                """;
            var expected = $$"""
                using System;
                using System.ClientModel;
                using System.Globalization;
                using System.Net;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;

                public sealed class ProductQa(IChatCompletionService chat, ILogger<ProductQa> logger)
                {
                    private const int MaxAttempts = 4;

                    public async Task<string> AnswerAsync(ChatHistory history, CancellationToken ct)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatMessageContent reply = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                                return reply.Content ?? string.Empty;
                            }
                            catch (HttpOperationException ex) when (attempt < MaxAttempts && IsRetryable(ex))
                            {
                                logger.LogWarning("Chat call failed with {Status} on attempt {Attempt}/{Max}", ex.StatusCode, attempt, MaxAttempts);
                                await Task.Delay(GetRetryDelay(attempt, GetRetryAfter(ex)), ct);
                            }
                        }
                    }

                {{ExpectedHelpers.IsRetryableClientResult}}

                {{ExpectedHelpers.GetRetryAfterClientResult}}

                    private static bool IsRetryable(HttpOperationException ex, out TimeSpan? retryAfter)
                    {
                        retryAfter = null;
                        string body = ex.ResponseContent ?? string.Empty;
                        if (body.Contains("API_KEY_QUOTA_EXHAUSTED") || body.Contains("USAGE_LIMIT_EXCEEDED"))
                        {
                            return false;
                        }

                        return ex.StatusCode is null || ex.StatusCode == HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500;
                    }

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
                """;
            await CheckAsync(source, expected, LanguageVersion.Latest, TargetFramework.Net80);
        }

        /// <summary>A catch whose if/else logs and waits per status (60 s on 429, 1 s otherwise): each branch keeps its logging, its wait goes, and the generated decision and wait follow; the last failure propagates instead of the null.</summary>
        [Fact]
        public async Task BranchWaitsInAKeptIfElse_GoTheBranchesKeepTheirLogging_CSharp73()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Images;

                public sealed class HeroImages
                {
                    private readonly ImageClient _images;

                    public HeroImages(ImageClient images) { _images = images; }

                    public GeneratedImage Generate(string prompt)
                    {
                        {|TR0005:{|TR0008:for|}|} (int i = 0; i < 10; i++)
                        {
                            try
                            {
                                return _images.GenerateImage(prompt).Value;
                            }
                            {|TR0003:catch|} (ClientResultException ex)
                            {
                                if (ex.Status == 429)
                                {
                                    // rate limited: the limit is per minute anyway
                                    Console.WriteLine("rate limited, waiting 60s (attempt " + (i + 1) + "/10)");
                                    Thread.Sleep(60000);
                                }
                                else
                                {
                                    Console.WriteLine("image API error " + ex.Status + ": " + ex.Message);
                                    Thread.Sleep(1000);
                                }
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
                using OpenAI.Images;

                public sealed class HeroImages
                {
                    private readonly ImageClient _images;

                    public HeroImages(ImageClient images) { _images = images; }

                    public GeneratedImage Generate(string prompt)
                    {
                        for (int i = 0; ; i++)
                        {
                            try
                            {
                                return _images.GenerateImage(prompt).Value;
                            }
                            catch (ClientResultException ex) when (i + 1 < 6 && IsRetryable(ex))
                            {
                                if (ex.Status == 429)
                                {
                                    // rate limited: the limit is per minute anyway
                                    Console.WriteLine("rate limited, waiting 60s (attempt " + (i + 1) + "/10)");
                                }
                                else
                                {
                                    Console.WriteLine("image API error " + ex.Status + ": " + ex.Message);
                                }
                                Thread.Sleep(GetRetryDelay(i + 1, GetRetryAfter(ex)));
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
            await CheckAsync(source, expected, LanguageVersion.CSharp7_3, TargetFramework.Net80);
        }
    }
}
