using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0002: a retry loop that retries 429s without treating the sticky quota codes as terminal.</summary>
    public class TR0002Tests
    {
        [Fact]
        public Task FilterOnStatus429_OpenAI_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SupportAgent
            {
                private const int MaxAttempts = 5;
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public SupportAgent(ChatClient chat) { _chat = chat; }

                public async Task<string> AnswerAsync(IList<ChatMessage> conversation, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= MaxAttempts; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(conversation, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts)
                        {
                            Console.WriteLine("Rate limited, backing off (attempt " + attempt + ")");
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task CatchAnthropicRateLimitException_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class ContractReviewer
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public ContractReviewer(AnthropicClient client) { _client = client; }

                public async Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken cancellationToken)
                {
                    int attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, cancellationToken);
                        }
                        {|TR0002:catch|} (AnthropicRateLimitException) when (attempt < 5)
                        {
                            attempt++;
                            var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt) * (0.5 + Jitter.NextDouble()));
                            await Task.Delay(delay, cancellationToken);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task TooManyRequestsStatusCheckWithContinue_HttpClient_FiresTR0002OnCondition() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class ToRouterChat
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ToRouterChat(HttpClient http) { _http = http; }

                public async Task<string> SendAsync(string payload, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions"))
                        {
                            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
                            using (var response = await _http.SendAsync(request, ct))
                            {
                                if ({|TR0002:response.StatusCode == HttpStatusCode.TooManyRequests|})
                                {
                                    TimeSpan wait = response.Headers.RetryAfter?.Delta
                                        ?? TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt));
                                    await Task.Delay(wait, ct);
                                    continue;
                                }

                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                        }
                    }

                    throw new HttpRequestException("Still rate limited after 5 attempts.");
                }
            }
            """);

        /// <summary>The sticky check is a helper that loops over a field of the codes: it classifies the 429, so no TR0002.</summary>
        [Fact]
        public Task StickyCheckHelperLoopsOverAFieldOfCodes_NoTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;

            public static class GatewayHttp
            {
                private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED" };
                private static readonly HttpClient Client = new HttpClient();
                private static readonly Random Jitter = new Random();

                public static string Get(string url, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        using (var response = Client.GetAsync(url, ct).GetAwaiter().GetResult())
                        {
                            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                            if (response.IsSuccessStatusCode)
                                return body;

                            int status = (int)response.StatusCode;
                            bool transient = status == 408 || status == 429 || status >= 500;
                            if (!transient || HasStickyCode(body) || attempt == 5)
                                throw new HttpRequestException("HTTP " + status + ": " + body);
                        }

                        ct.WaitHandle.WaitOne(Jitter.Next(0, 1000 << attempt));
                    }
                }

                private static bool HasStickyCode(string body)
                {
                    foreach (var code in StickyCodes)
                        if (body.IndexOf(code, StringComparison.Ordinal) >= 0)
                            return true;
                    return false;
                }
            }
            """);

        [Fact]
        public Task IntCast429OrServerErrorCheck_HttpClient_FiresTR0002OnCondition() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class CompletionsClient
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public CompletionsClient(HttpClient http) { _http = http; }

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
            """);

        [Fact]
        public Task SemanticKernelHttpOperationExceptionTooManyRequests_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class TicketTriage
            {
                private static readonly Random Jitter = new Random();
                private readonly IChatCompletionService _chat;

                public TicketTriage(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> TriageAsync(ChatHistory history, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 6; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        {|TR0002:catch|} (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && attempt < 5)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 500 * (int)Math.Pow(2, attempt))), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task HttpRequestExceptionStatusCodeFilter_GetStringAsync_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class UsageReport
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public UsageReport(HttpClient http) { _http = http; }

                public async Task<string> DownloadAsync(string day)
                {
                    var attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return await _http.GetStringAsync("v1/usage?date=" + day);
                        }
                        {|TR0002:catch|} (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                        {
                            attempt++;
                            await Task.Delay(Jitter.Next(1000, 2000) << attempt);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task PatternFilter429OrServerError_Latest_FiresTR0002() => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class Extractor(ChatClient chat)
            {
                public async Task<string> ExtractAsync(string document, CancellationToken ct)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(document)], cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (attempt < 4 && ex.Status is 429 or >= 500)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Random.Shared.NextDouble()), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ReadsErrorBodyOnlyForLogging_StillFiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class GatewayClient
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public GatewayClient(HttpClient http) { _http = http; }

                public async Task<string> CompleteAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        var response = await _http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        if ({|TR0002:(int)response.StatusCode == 429|})
                        {
                            string error = await response.Content.ReadAsStringAsync();
                            Console.WriteLine("429 from gateway: " + error);
                            await Task.Delay(Jitter.Next(0, 1000 * (1 << attempt)), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }

                    throw new HttpRequestException("Rate limited five times in a row.");
                }
            }
            """);

        [Fact]
        public Task ExplicitlyRetriesQuotaExhaustedType_Anthropic_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class NightlyDigest
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public NightlyDigest(AnthropicClient client) { _client = client; }

                public async Task<Message> BuildAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 8; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        {|TR0002:catch|} (AnthropicRateLimitException ex) when (ex.Type != null && ex.Type.Raw() == "API_KEY_QUOTA_EXHAUSTED" && attempt < 7)
                        {
                            // Wait for the spending cap to be raised.
                            await Task.Delay(TimeSpan.FromMinutes(Math.Pow(2, attempt) * (0.5 + Jitter.NextDouble())), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task StickyCodesCheckedInFilter_OpenAI_NoTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SupportAgent
            {
                private const int MaxAttempts = 5;
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public SupportAgent(ChatClient chat) { _chat = chat; }

                public async Task<string> AnswerAsync(IList<ChatMessage> conversation, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= MaxAttempts; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(conversation, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status == 429
                            && !ex.Message.Contains("API_KEY_QUOTA_EXHAUSTED")
                            && !ex.Message.Contains("USAGE_LIMIT_EXCEEDED")
                            && attempt < MaxAttempts)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task AnthropicRateLimitRethrowsStickyType_NoTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class ContractReviewer
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public ContractReviewer(AnthropicClient client) { _client = client; }

                public async Task<Message> ReviewAsync(MessageCreateParams request, CancellationToken cancellationToken)
                {
                    int attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, cancellationToken);
                        }
                        catch (AnthropicRateLimitException ex) when (attempt < 5)
                        {
                            string type = ex.Type == null ? null : ex.Type.Raw();
                            if (type == "API_KEY_QUOTA_EXHAUSTED" || type == "USAGE_LIMIT_EXCEEDED")
                                throw;

                            attempt++;
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * (0.5 + Jitter.NextDouble())), cancellationToken);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task HttpClient429ReadsBodyAndThrowsOnStickyCode_NoTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class ToRouterChat
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ToRouterChat(HttpClient http) { _http = http; }

                public async Task<string> SendAsync(string payload, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        using (var response = await _http.PostAsync("v1/chat/completions", new StringContent(payload, Encoding.UTF8, "application/json"), ct))
                        {
                            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                            {
                                string error = await response.Content.ReadAsStringAsync();
                                if (error.Contains("API_KEY_QUOTA_EXHAUSTED") || error.Contains("USAGE_LIMIT_EXCEEDED"))
                                    throw new InvalidOperationException("ToRouter quota is exhausted: " + error);

                                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)), ct);
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                    }

                    throw new HttpRequestException("Still rate limited after 5 attempts.");
                }
            }
            """);

        [Fact]
        public Task OnlyServerErrorsRetried_OpenAI_NoTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Rewriter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Rewriter(ChatClient chat) { _chat = chat; }

                public async Task<string> RewriteAsync(string text, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Rewrite politely: " + text) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when ((ex.Status >= 500 || ex.Status == 408) && attempt < 3)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 2000 * Math.Pow(2, attempt)), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task SemanticKernelResponseContentStickyCheck_NoTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class TicketTriage
            {
                private static readonly Random Jitter = new Random();
                private readonly IChatCompletionService _chat;

                public TicketTriage(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> TriageAsync(ChatHistory history, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 6; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && attempt < 5)
                        {
                            string body = ex.ResponseContent ?? "";
                            if (body.Contains("API_KEY_QUOTA_EXHAUSTED") || body.Contains("USAGE_LIMIT_EXCEEDED") || body.Contains("insufficient_quota"))
                                throw;
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 500 * (int)Math.Pow(2, attempt))), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task StickyCheckThroughSameClassHelper_Latest_NoTR0002() => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class Extractor(ChatClient chat)
            {
                public async Task<string> ExtractAsync(string document, CancellationToken ct)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(document)], cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < 4 && ex.Status == 429 && !IsQuotaExhausted(ex))
                        {
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Random.Shared.NextDouble()), ct);
                        }
                    }
                }

                private static bool IsQuotaExhausted(ClientResultException ex)
                {
                    string body = ex.GetRawResponse()?.Content.ToString() ?? ex.Message;
                    return body.Contains("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal)
                        || body.Contains("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal);
                }
            }
            """);

        [Fact]
        public Task AnthropicResponseBodyStickyCheck_NoTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Summaries
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Summaries(AnthropicClient client) { _client = client; }

                public async Task<Message> SummarizeAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicApiException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests
                            && attempt < 4
                            && (ex.ResponseBody == null || (ex.ResponseBody.IndexOf("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal) < 0
                                && ex.ResponseBody.IndexOf("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal) < 0)))
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }
                }
            }
            """);
    }
}
