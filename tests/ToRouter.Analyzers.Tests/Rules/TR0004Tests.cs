using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0004: a retry loop with no attempt bound.</summary>
    public class TR0004Tests
    {
        [Fact]
        public Task WhileTrueWithCounterUsedOnlyForDelay_OpenAI_FiresTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Narrator
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Narrator(ChatClient chat) { _chat = chat; }

                public async Task<string> NarrateAsync(List<ChatMessage> scene, CancellationToken ct)
                {
                    int attempt = 0;
                    {|TR0004:while|} (true)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(scene, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500)
                        {
                            attempt++;
                            var cap = Math.Min(30000, 1000 * Math.Pow(2, attempt));
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * cap), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ForEverWithStatusRetry_HttpClient_FiresTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class ModerationClient
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ModerationClient(HttpClient http) { _http = http; }

                public async Task<string> ModerateAsync(string json, CancellationToken ct)
                {
                    {|TR0004:for|} (int attempt = 0; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("v1/moderations", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        }
                        catch (HttpRequestException)
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << Math.Min(attempt, 5)), ct);
                            continue;
                        }

                        if ((int)response.StatusCode >= 500)
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << Math.Min(attempt, 5)), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task RetryBudgetDecrementedButNeverTested_Anthropic_FiresTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Tagger
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Tagger(AnthropicClient client) { _client = client; }

                public async Task<Message> TagAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int retriesLeft = 5;
                    int attempt = 0;
                    {|TR0004:while|} (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicOverloadedException)
                        {
                            retriesLeft--;
                            attempt++;
                            Console.WriteLine("Overloaded, " + retriesLeft + " retries left");
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Jitter.NextDouble()), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task GotoRetryWithoutBound_FiresTR0004OnLabel() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Planner
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Planner(AnthropicClient client) { _client = client; }

                public async Task<Message> PlanAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int attempt = 0;
                {|TR0004:retry|}:
                    try
                    {
                        return await _client.Messages.Create(request, ct);
                    }
                    catch (Anthropic5xxException ex)
                    {
                        attempt++;
                        Console.WriteLine("Claude " + (int)ex.StatusCode + ", retrying");
                        await Task.Delay(Jitter.Next(0, 500 << Math.Min(attempt, 6)), ct);
                        goto retry;
                    }
                }
            }
            """);

        [Fact]
        public Task SelfRecursiveRetryWithoutBound_FiresTR0004OnInvocation() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class HeadlineWriter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public HeadlineWriter(ChatClient chat) { _chat = chat; }

                public async Task<string> WriteAsync(string article, CancellationToken ct, int attempt = 0)
                {
                    try
                    {
                        ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Headline for: " + article) }, null, ct);
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 502 || ex.Status == 503)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << Math.Min(attempt, 5))), ct);
                        return await {|TR0004:WriteAsync(article, ct, attempt + 1)|};
                    }
                }
            }
            """);

        [Fact]
        public Task WhileNotDeliveredFlag_HttpClient_FiresTR0003_TR0004_TR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading.Tasks;

            public class AuditSink
            {
                private readonly HttpClient _http;

                public AuditSink(HttpClient http) { _http = http; }

                public async Task WriteAsync(string json)
                {
                    bool delivered = false;
                    {|TR0004:{|TR0005:while|}|} (!delivered)
                    {
                        try
                        {
                            var response = await _http.PostAsync("audit/events", new StringContent(json, Encoding.UTF8, "application/json"));
                            response.EnsureSuccessStatusCode();
                            delivered = true;
                        }
                        {|TR0003:catch|} (HttpRequestException ex)
                        {
                            Console.Error.WriteLine("Audit write failed: " + ex.Message);
                            await Task.Delay(5000);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task WhileTrueServerErrorsOnly_SemanticKernel_FiresTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class Explainer
            {
                private static readonly Random Jitter = new Random();
                private readonly IChatCompletionService _chat;

                public Explainer(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> ExplainAsync(ChatHistory history, CancellationToken ct)
                {
                    var delay = TimeSpan.FromSeconds(1);
                    {|TR0004:while|} (true)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (ex.StatusCode >= HttpStatusCode.InternalServerError)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(delay.TotalMilliseconds * Jitter.NextDouble()), ct);
                            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 30000));
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task WhileTrueWithAttemptInFilter_NoTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Narrator
            {
                private const int MaxAttempts = 5;
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Narrator(ChatClient chat) { _chat = chat; }

                public async Task<string> NarrateAsync(List<ChatMessage> scene, CancellationToken ct)
                {
                    int attempt = 0;
                    while (true)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(scene, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && ++attempt < MaxAttempts)
                        {
                            var cap = Math.Min(30000, 1000 * Math.Pow(2, attempt));
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * cap), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task WhileTrueWithThrowAfterMaxAttemptsInCatch_NoTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Tagger
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Tagger(AnthropicClient client) { _client = client; }

                public async Task<Message> TagAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int retriesLeft = 5;
                    int attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicOverloadedException)
                        {
                            if (--retriesLeft == 0)
                                throw;
                            attempt++;
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Jitter.NextDouble()), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task DeadlineBoundedLoop_HttpClient_NoTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Diagnostics;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class HealthProbe
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public HealthProbe(HttpClient http) { _http = http; }

                public async Task<string> GetStatusAsync(CancellationToken ct)
                {
                    var budget = TimeSpan.FromMinutes(2);
                    var clock = Stopwatch.StartNew();
                    int attempt = 0;
                    while (clock.Elapsed < budget)
                    {
                        try
                        {
                            using (var response = await _http.GetAsync("v1/status", ct))
                            {
                                if ((int)response.StatusCode < 500)
                                {
                                    response.EnsureSuccessStatusCode();
                                    return await response.Content.ReadAsStringAsync();
                                }
                            }
                        }
                        catch (HttpRequestException ex) when (ex.StatusCode == null && clock.Elapsed < budget)
                        {
                        }

                        attempt++;
                        await Task.Delay(Jitter.Next(0, 1000 << Math.Min(attempt, 5)), ct);
                    }

                    throw new TimeoutException("Status endpoint did not recover within " + budget);
                }
            }
            """);

        [Fact]
        public Task RecursionWithAttemptGuard_NoTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class HeadlineWriter
            {
                private const int MaxAttempts = 4;
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public HeadlineWriter(ChatClient chat) { _chat = chat; }

                public async Task<string> WriteAsync(string article, CancellationToken ct, int attempt = 1)
                {
                    try
                    {
                        ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Headline for: " + article) }, null, ct);
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when ((ex.Status == 502 || ex.Status == 503) && attempt < MaxAttempts)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)), ct);
                        return await WriteAsync(article, ct, attempt + 1);
                    }
                }
            }
            """);

        [Fact]
        public Task GotoRetryWithCounterTest_NoTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Planner
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Planner(AnthropicClient client) { _client = client; }

                public async Task<Message> PlanAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int attempt = 0;
                retry:
                    try
                    {
                        return await _client.Messages.Create(request, ct);
                    }
                    catch (Anthropic5xxException) when (attempt < 3)
                    {
                        attempt++;
                        await Task.Delay(Jitter.Next(0, 500 << attempt), ct);
                        goto retry;
                    }
                }
            }
            """);

        [Fact]
        public Task WhileAttemptBelowMaximum_NoTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class FileDownloader
            {
                private const int MaxAttempts = 3;
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public FileDownloader(HttpClient http) { _http = http; }

                public async Task<byte[]> DownloadAsync(string fileId, CancellationToken ct)
                {
                    int attempt = 0;
                    Exception last = null;
                    while (attempt < MaxAttempts)
                    {
                        attempt++;
                        try
                        {
                            using (var response = await _http.GetAsync("v1/files/" + fileId + "/content", HttpCompletionOption.ResponseHeadersRead, ct))
                            {
                                if ((int)response.StatusCode < 500)
                                {
                                    response.EnsureSuccessStatusCode();
                                    return await response.Content.ReadAsByteArrayAsync();
                                }
                            }
                        }
                        catch (HttpRequestException ex) when (ex.StatusCode == null)
                        {
                            last = ex;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)), ct);
                    }

                    throw new InvalidOperationException("Download failed after " + MaxAttempts + " attempts.", last);
                }
            }
            """);
    }
}
