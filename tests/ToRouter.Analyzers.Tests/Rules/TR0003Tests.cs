using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0003: a retry loop that retries non-retryable client errors (400/401/402/403/404).</summary>
    public class TR0003Tests
    {
        [Fact]
        public Task EnsureSuccessStatusCodeWithUnfilteredHttpRequestException_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class ChatProxy
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ChatProxy(HttpClient http) { _http = http; }

                public async Task<string> CompleteAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            var content = new StringContent(json, Encoding.UTF8, "application/json");
                            var response = await _http.PostAsync("https://api.torouter.ai/v1/chat/completions", content, ct);
                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                        {|TR0003:catch|} (HttpRequestException ex)
                        {
                            Console.WriteLine("Request failed: " + ex.Message);
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
                        }
                    }

                    throw new HttpRequestException("Chat completion failed after 3 attempts.");
                }
            }
            """);

        [Fact]
        public Task GetStringAsyncWithUnfilteredHttpRequestException_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PriceList
            {
                private static readonly Random Jitter = new Random();
                private static readonly HttpClient Http = new HttpClient();

                public static async Task<string> FetchAsync(string apiKey)
                {
                    int attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return await Http.GetStringAsync("https://api.torouter.ai/v1/models?key=" + apiKey);
                        }
                        {|TR0003:catch|} (HttpRequestException)
                        {
                            if (++attempt == 4)
                                throw;
                            await Task.Delay(Jitter.Next(250, 500) * (1 << attempt));
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task WebRequestGetResponseWithWebException_Sync_FiresTR0003_TR0005_TR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.IO;
            using System.Net;
            using System.Threading;

            public class LegacyCompletionClient
            {
                public string Complete(string url, string apiKey)
                {
                    {|TR0005:{|TR0008:for|}|} (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            var request = (HttpWebRequest)WebRequest.Create(url);
                            request.Method = "GET";
                            request.Headers.Add("Authorization", "Bearer " + apiKey);
                            using (var response = (HttpWebResponse)request.GetResponse())
                            using (var reader = new StreamReader(response.GetResponseStream()))
                            {
                                return reader.ReadToEnd();
                            }
                        }
                        {|TR0003:catch|} (WebException)
                        {
                            Thread.Sleep(2000 * attempt);
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task UnfilteredClientResultException_OpenAI_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class ReportWriter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public ReportWriter(ChatClient chat) { _chat = chat; }

                public async Task<string> WriteAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 800 }, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0003:catch|} (ClientResultException ex)
                        {
                            if (attempt >= 3)
                                throw;
                            Console.WriteLine("OpenAI error " + ex.Status + ", retrying");
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task StatusGreaterOrEqual400Filter_AzureOpenAI_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            public class AzureDrafts
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public AzureDrafts(AzureOpenAIClient azure) { _chat = azure.GetChatClient("gpt-4o"); }

                public async Task<string> DraftAsync(string prompt, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 5; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0003:catch|} (ClientResultException ex) when (ex.Status >= 400 && attempt < 5)
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task IsSuccessStatusCodeReturn_HttpClient_FiresTR0003OnCondition() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class EmbeddingsClient
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public EmbeddingsClient(HttpClient http) { _http = http; }

                public async Task<string> EmbedAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        var response = await _http.PostAsync("v1/embeddings", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        var body = await response.Content.ReadAsStringAsync();
                        if ({|TR0003:response.IsSuccessStatusCode|})
                            return body;

                        await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
                    }

                    throw new HttpRequestException("Embedding request kept failing.");
                }
            }
            """);

        [Fact]
        public Task NotIsSuccessStatusCodeContinue_HttpClient_FiresTR0003OnCondition() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class ImageFetcher
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ImageFetcher(HttpClient http) { _http = http; }

                public async Task<byte[]> FetchAsync(string url, CancellationToken ct)
                {
                    int attempt = 0;
                    while (attempt < 4)
                    {
                        attempt++;
                        using (var request = new HttpRequestMessage(HttpMethod.Get, url))
                        using (var response = await _http.SendAsync(request, ct))
                        {
                            if ({|TR0003:!response.IsSuccessStatusCode|})
                            {
                                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Jitter.NextDouble()), ct);
                                continue;
                            }

                            return await response.Content.ReadAsByteArrayAsync();
                        }
                    }

                    throw new HttpRequestException("Could not download " + url);
                }
            }
            """);

        [Fact]
        public Task StatusCodeNotEqualOk_HttpClient_FiresTR0003OnCondition() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class TranscriptStore
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public TranscriptStore(HttpClient http) { _http = http; }

                public async Task<string> LoadAsync(string id, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage response = await _http.GetAsync("transcripts/" + id, ct);
                        if ({|TR0003:response.StatusCode != HttpStatusCode.OK && attempt < 4|})
                        {
                            await Task.Delay(Jitter.Next(100, 200) * (int)Math.Pow(2, attempt), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task DoWhileNotSuccess_FiresTR0003OnLoopCondition_AndUnboundedNoWait() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Net.Http;
            using System.Text;
            using System.Threading.Tasks;

            public class SlackNotifier
            {
                private readonly HttpClient _http;

                public SlackNotifier(HttpClient http) { _http = http; }

                public async Task NotifyAsync(string webhookUrl, string json)
                {
                    HttpResponseMessage response;
                    {|TR0004:{|TR0005:do|}|}
                    {
                        response = await _http.PostAsync(webhookUrl, new StringContent(json, Encoding.UTF8, "application/json"));
                    }
                    while ({|TR0003:!response.IsSuccessStatusCode|});
                }
            }
            """);

        [Fact]
        public Task BoundedDoWhileNotSuccess_FiresTR0003OnWholeLoopCondition() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class ThumbnailClient
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ThumbnailClient(HttpClient http) { _http = http; }

                public async Task<byte[]> RenderAsync(Func<HttpRequestMessage> buildRequest, CancellationToken ct)
                {
                    HttpResponseMessage response;
                    int attempt = 0;
                    do
                    {
                        if (attempt > 0)
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)), ct);
                        response = await _http.SendAsync(buildRequest(), ct);
                        attempt++;
                    }
                    while ({|TR0003:!response.IsSuccessStatusCode && attempt < 3|});

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsByteArrayAsync();
                }
            }
            """);

        [Fact]
        public Task UnfilteredHttpOperationException_SemanticKernel_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class MeetingMinutes
            {
                private static readonly Random Jitter = new Random();
                private readonly IChatCompletionService _chat;

                public MeetingMinutes(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> SummarizeAsync(string transcript, CancellationToken ct)
                {
                    var history = new ChatHistory("You write concise meeting minutes.");
                    history.AddUserMessage(transcript);
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        {|TR0003:catch|} (HttpOperationException ex) when (attempt < 3)
                        {
                            Console.WriteLine("Kernel call failed with " + ex.StatusCode);
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1500 << attempt)), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task UnfilteredAnthropicApiException_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class CodeReviewer
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public CodeReviewer(AnthropicClient client) { _client = client; }

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
            """);

        [Fact]
        public Task ExplicitUnauthorizedRetriedWithoutRefresh_FiresTR0003OnCondition() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class ProfileClient
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ProfileClient(HttpClient http) { _http = http; }

                public async Task<string> GetProfileAsync(CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        var response = await _http.GetAsync("v1/me", ct);
                        if ({|TR0003:response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.ServiceUnavailable|})
                        {
                            // the key may not have propagated yet
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }

                    throw new HttpRequestException("Profile endpoint unavailable.");
                }
            }
            """);

        [Fact]
        public Task UnfilteredHttpRequestExceptionAroundSendAsync_OnlyNetworkFailures_NoTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class ChatProxy
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ChatProxy(HttpClient http) { _http = http; }

                public async Task<string> CompleteAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 3; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        }
                        catch (HttpRequestException) when (attempt < 3)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
                            continue;
                        }

                        if ((int)response.StatusCode >= 500 && attempt < 3)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
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
        public Task FilterOnServerErrorsAndTimeout_OpenAI_NoTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class ReportWriter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public ReportWriter(ChatClient chat) { _chat = chat; }

                public async Task<string> WriteAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when ((ex.Status == 0 || ex.Status == 408 || ex.Status >= 500) && attempt < 3)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task HttpRequestExceptionFilteredByStatusPattern_Latest_NoTR0003() => Verify.AnalyzerAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class ModelList(HttpClient http)
            {
                public async Task<string> GetAsync(CancellationToken ct)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            using var response = await http.GetAsync("v1/models", ct);
                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync(ct);
                        }
                        catch (HttpRequestException ex) when (attempt < 4 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt) * Random.Shared.NextDouble()), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task SuccessCheckFollowedByTerminalThrowForClientErrors_NoTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class EmbeddingsClient
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public EmbeddingsClient(HttpClient http) { _http = http; }

                public async Task<string> EmbedAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        var response = await _http.PostAsync("v1/embeddings", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        var body = await response.Content.ReadAsStringAsync();
                        if (response.IsSuccessStatusCode)
                            return body;

                        int status = (int)response.StatusCode;
                        if (status < 500 && status != 408)
                            throw new HttpRequestException("Embedding request rejected with " + status + ": " + body);

                        await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
                    }

                    throw new HttpRequestException("Embedding service kept failing.");
                }
            }
            """);

        [Fact]
        public Task EnsureSuccessStatusCodeOutsideTry_NoTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class ImageFetcher
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ImageFetcher(HttpClient http) { _http = http; }

                public async Task<byte[]> FetchAsync(string url, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.GetAsync(url, ct);
                        }
                        catch (HttpRequestException) when (attempt < 4)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 500 << attempt)), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsByteArrayAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task ClientResultExceptionRefreshesKeyOnceOn401_NoTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class RotatingKeyChat
            {
                private readonly Func<CancellationToken, Task<string>> _fetchKey;
                private ChatClient _chat;

                public RotatingKeyChat(Func<CancellationToken, Task<string>> fetchKey, ChatClient chat)
                {
                    _fetchKey = fetchKey;
                    _chat = chat;
                }

                public async Task<string> AskAsync(string prompt, CancellationToken ct)
                {
                    bool refreshed = false;
                    while (true)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status == 401 && !refreshed)
                        {
                            refreshed = true;
                            string key = await _fetchKey(ct);
                            _chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(key));
                        }
                    }
                }
            }
            """);
    }
}
