using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0008: a retry loop that hides the last failure.</summary>
    public class TR0008Tests
    {
        [Fact]
        public Task ReturnsNullAfterForLoop_OpenAI_FiresTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class KeywordExtractor
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public KeywordExtractor(ChatClient chat) { _chat = chat; }

                public async Task<string> ExtractAsync(string text, CancellationToken ct)
                {
                    {|TR0008:for|} (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Keywords: " + text) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500)
                        {
                            Console.WriteLine("Attempt " + (attempt + 1) + " failed with " + ex.Status);
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task ReturnsPlaceholderMessage_Anthropic_FiresTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class HelpDeskBot
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public HelpDeskBot(AnthropicClient client) { _client = client; }

                public async Task<string> ReplyAsync(MessageCreateParams request, CancellationToken ct)
                {
                    {|TR0008:for|} (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            Message message = await _client.Messages.Create(request, ct);
                            TextBlock text;
                            if (message.Content.Count > 0 && message.Content[0].TryPickText(out text))
                                return text.Text;
                            return string.Empty;
                        }
                        catch (Anthropic5xxException)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Jitter.NextDouble()), ct);
                        }
                        catch (AnthropicIOException)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Jitter.NextDouble()), ct);
                        }
                    }

                    return "Sorry, the assistant is unavailable right now. Please try again later.";
                }
            }
            """);

        [Fact]
        public Task ReturnsEmptyStringAfterStatusRetry_HttpClient_FiresTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class CaptionService
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public CaptionService(HttpClient http) { _http = http; }

                public async Task<string> CaptionAsync(string json, CancellationToken ct)
                {
                    {|TR0008:for|} (int attempt = 0; attempt < 4; attempt++)
                    {
                        using (var response = await _http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), ct))
                        {
                            if ((int)response.StatusCode >= 500)
                            {
                                await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                    }

                    return string.Empty;
                }
            }
            """);

        [Fact]
        public Task VoidMethodEndsWithWorkUndone_Sync_FiresTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public class NightlyJob
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public NightlyJob(ChatClient chat) { _chat = chat; }

                public string LastDigest { get; private set; }

                public void RefreshDigest(string activityLog)
                {
                    {|TR0008:for|} (int attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage("Summarize today's activity:\n" + activityLog));
                            LastDigest = completion.Content[0].Text;
                            return;
                        }
                        catch (ClientResultException ex) when (ex.Status == 0 || ex.Status >= 500)
                        {
                            Console.Error.WriteLine("Digest attempt " + attempt + " failed: " + ex.Message);
                            Thread.Sleep(Jitter.Next(0, 2000 << attempt));
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task AsyncTaskMethodLogsAndEnds_HttpClient_FiresTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class FeedbackForwarder
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public FeedbackForwarder(HttpClient http) { _http = http; }

                public async Task ForwardAsync(string json, CancellationToken ct)
                {
                    {|TR0008:for|} (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            using (var response = await _http.PostAsync("feedback", new StringContent(json, Encoding.UTF8, "application/json"), ct))
                            {
                                if ((int)response.StatusCode < 500)
                                {
                                    response.EnsureSuccessStatusCode();
                                    return;
                                }
                            }
                        }
                        catch (HttpRequestException ex) when (ex.StatusCode == null)
                        {
                        }

                        await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                    }

                    Console.Error.WriteLine("Giving up on feedback delivery.");
                }
            }
            """);

        [Fact]
        public Task ReturnsNullFromCatchOnLastAttempt_SemanticKernel_FiresTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class SqlGenerator
            {
                private const int MaxAttempts = 4;
                private static readonly Random Jitter = new Random();
                private readonly IChatCompletionService _chat;

                public SqlGenerator(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> GenerateAsync(ChatHistory history, CancellationToken ct)
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
            """);

        [Fact]
        public Task GenericRetryHelperReturnsDefault_FiresTR0001_TR0006_TR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading.Tasks;

            public static class Retry
            {
                public static async Task<T> RetryAsync<T>(Func<Task<T>> operation, int maxAttempts = 3)
                {
                    {|TR0006:{|TR0008:for|}|} (int attempt = 1; attempt <= maxAttempts; attempt++)
                    {
                        try
                        {
                            return await operation();
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            Console.WriteLine("Attempt " + attempt + " failed: " + ex.Message);
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)));
                        }
                    }

                    return default(T);
                }
            }
            """);

        [Fact]
        public Task ThrowsAfterLoop_NoTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class KeywordExtractor
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public KeywordExtractor(ChatClient chat) { _chat = chat; }

                public async Task<string> ExtractAsync(string text, CancellationToken ct)
                {
                    ClientResultException last = null;
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Keywords: " + text) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500)
                        {
                            last = ex;
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }

                    throw new InvalidOperationException("Keyword extraction failed after 3 attempts.", last);
                }
            }
            """);

        [Fact]
        public Task TryPatternReturnsFalse_NoTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public class Autocomplete
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Autocomplete(ChatClient chat) { _chat = chat; }

                public bool TryComplete(string prefix, out string suggestion)
                {
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage("Complete: " + prefix));
                            suggestion = completion.Content[0].Text;
                            return true;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500)
                        {
                            Thread.Sleep(Jitter.Next(0, 200 << attempt));
                        }
                    }

                    suggestion = null;
                    return false;
                }
            }
            """);

        [Fact]
        public Task DelegatingHandlerReturnsLastResponse_NoTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class ServerErrorRetryHandler : DelegatingHandler
            {
                private const int MaxAttempts = 3;
                private static readonly Random Jitter = new Random();

                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    HttpResponseMessage response = null;
                    for (int attempt = 0; attempt < MaxAttempts; attempt++)
                    {
                        response = await base.SendAsync(request, cancellationToken);
                        if ((int)response.StatusCode < 500)
                            return response;

                        if (attempt < MaxAttempts - 1)
                        {
                            response.Dispose();
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 500 * Math.Pow(2, attempt)), cancellationToken);
                        }
                    }

                    return response;
                }
            }
            """);

        [Fact]
        public Task FinalAttemptAfterLoop_NoTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class HelpDeskBot
            {
                private const int MaxAttempts = 4;
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public HelpDeskBot(AnthropicClient client) { _client = client; }

                public async Task<Message> ReplyAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 1; attempt < MaxAttempts; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (Anthropic5xxException)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Jitter.NextDouble()), ct);
                        }
                    }

                    // last attempt: let whatever happens propagate to the caller
                    return await _client.Messages.Create(request, ct);
                }
            }
            """);

        [Fact]
        public Task FilterLetsLastFailurePropagate_NoCodeAfterLoop_NoTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class CaptionService
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public CaptionService(HttpClient http) { _http = http; }

                public async Task<string> GetAsync(string id, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            using (var response = await _http.GetAsync("captions/" + id, ct))
                            {
                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                        }
                        catch (HttpRequestException ex) when (attempt < 4 && (ex.StatusCode == null || (int)ex.StatusCode.Value >= 500))
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task AsyncTryPatternReturnsFalse_NoTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class MetricsPusher
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public MetricsPusher(HttpClient http) { _http = http; }

                public async Task<bool> TryPushAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("metrics", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        }
                        catch (HttpRequestException)
                        {
                            await Task.Delay(Jitter.Next(0, 500 << attempt), ct);
                            continue;
                        }

                        if ((int)response.StatusCode >= 500)
                        {
                            await Task.Delay(Jitter.Next(0, 500 << attempt), ct);
                            continue;
                        }

                        return response.IsSuccessStatusCode;
                    }

                    return false;
                }
            }
            """);
    }
}
