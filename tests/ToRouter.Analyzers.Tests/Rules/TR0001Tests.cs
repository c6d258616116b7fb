using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0001: a retry loop whose catch retries every exception.</summary>
    public class TR0001Tests
    {
        [Fact]
        public Task CatchExceptionWithAttemptOnlyFilterInForLoop_OpenAI_FiresTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SummaryService
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public SummaryService(ChatClient chat) { _chat = chat; }

                public async Task<string> SummarizeAsync(string text, CancellationToken ct)
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage("Summarize the user's text in three sentences."),
                        new UserChatMessage(text),
                    };

                    for (int attempt = 1; attempt <= 4; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0001:catch|} (Exception ex) when (attempt < 4)
                        {
                            Console.WriteLine("Attempt " + attempt + " failed: " + ex.Message);
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 * (1 << attempt))), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task BareCatchInSyncWhileLoop_OpenAI_FiresTR0001AndConstantWait() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using OpenAI.Chat;

            public class FaqBot
            {
                private readonly ChatClient _chat;

                public FaqBot(ChatClient chat) { _chat = chat; }

                public string Ask(string question)
                {
                    int attempts = 0;
                    {|TR0005:while|} (true)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage(question));
                            return completion.Content[0].Text;
                        }
                        {|TR0001:catch|}
                        {
                            attempts++;
                            if (attempts >= 3)
                                throw;
                            Thread.Sleep(2000);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task CatchExceptionFilteredOnlyAgainstCancellation_Anthropic_FiresTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            public class ClaudeClassifier
            {
                private static readonly Random Rng = new Random();
                private readonly AnthropicClient _client;

                public ClaudeClassifier(AnthropicClient client) { _client = client; }

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

                    throw new InvalidOperationException("Classification failed.");
                }
            }
            """);

        [Fact]
        public Task IsNotOperationCanceledPatternFilter_SemanticKernel_FiresTR0001() => Verify.AnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public sealed class ReleaseNotesWriter(IChatCompletionService chat)
            {
                private const int MaxAttempts = 4;

                public async Task<string> WriteAsync(ChatHistory history, CancellationToken ct)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        {|TR0001:catch|} (Exception ex) when (ex is not OperationCanceledException && attempt < MaxAttempts)
                        {
                            var ceiling = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                            await Task.Delay(ceiling * Random.Shared.NextDouble(), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task CatchExceptionAfterRethrowingCancellation_FiresTR0001OnSecondCatchOnly() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class EmbeddingUploader
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public EmbeddingUploader(HttpClient http) { _http = http; }

                public async Task<string> UploadAsync(string json, CancellationToken ct)
                {
                    int attempt = 0;
                    while (true)
                    {
                        try
                        {
                            using (var content = new StringContent(json, Encoding.UTF8, "application/json"))
                            using (var response = await _http.PostAsync("v1/embeddings", content, ct))
                            {
                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                        }
                        catch (OperationCanceledException)
                        {
                            throw;
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            if (++attempt >= 5)
                                throw;
                            Console.Error.WriteLine("Upload failed (" + ex.GetType().Name + "), retrying");
                            await Task.Delay(Jitter.Next(0, 250 << attempt), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task CatchExceptionInsideAsyncLambda_OpenAI_FiresTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public static class TitleGenerator
            {
                private static readonly Random Jitter = new Random();

                public static Func<string, Task<string>> Create(ChatClient chat)
                {
                    return async conversation =>
                    {
                        for (int attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(
                                    new SystemChatMessage("Write a five word title for this conversation."),
                                    new UserChatMessage(conversation));
                                return completion.Content[0].Text.Trim();
                            }
                            {|TR0001:catch|} (Exception) when (attempt < 2)
                            {
                                await Task.Delay(Jitter.Next(200, 400) * (int)Math.Pow(3, attempt));
                            }
                        }

                        throw new TimeoutException("Title generation kept failing.");
                    };
                }
            }
            """);

        [Fact]
        public Task CatchExceptionAroundAzureOpenAI_WithLoggingAndCounterRethrow_FiresTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            public class AzureTranslator
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public AzureTranslator(string endpoint, string key)
                {
                    var azure = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(key));
                    _chat = azure.GetChatClient("gpt-4o-mini");
                }

                public async Task<string> TranslateAsync(string text, string language, CancellationToken ct)
                {
                    for (int retry = 0; ; retry++)
                    {
                        try
                        {
                            ChatCompletion result = await _chat.CompleteChatAsync(
                                new ChatMessage[] { new SystemChatMessage("Translate to " + language + "."), new UserChatMessage(text) },
                                new ChatCompletionOptions { Temperature = 0f },
                                ct);
                            return result.Content[0].Text;
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            if (retry == 4)
                            {
                                throw new InvalidOperationException("Translation failed after 5 attempts", ex);
                            }

                            double ms = Math.Pow(2, retry) * 1000;
                            await Task.Delay(TimeSpan.FromMilliseconds(ms / 2 + Jitter.NextDouble() * ms / 2), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task WhileRetriesLeftDecrementedInCatchAll_FiresTR0001_TR0005_TR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class WeatherSummary
            {
                private readonly HttpClient _http;

                public WeatherSummary(HttpClient http) { _http = http; }

                public async Task<string> GetAsync(string city)
                {
                    int retries = 3;
                    {|TR0005:{|TR0008:while|}|} (retries > 0)
                    {
                        try
                        {
                            var response = await _http.GetAsync("v1/weather-summary?city=" + Uri.EscapeDataString(city));
                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            retries--;
                            Console.WriteLine("Error: " + ex.Message + ". Retries left: " + retries);
                            await Task.Delay(1000);
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task CatchExceptionFilterTypeNarrowed_HttpClient_NoTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class ModelCatalog
            {
                private const int MaxAttempts = 4;
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public ModelCatalog(HttpClient http) { _http = http; }

                public async Task<string> ListModelsAsync(CancellationToken ct)
                {
                    for (int attempt = 0; attempt < MaxAttempts; attempt++)
                    {
                        if (attempt > 0)
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(500, 1000) * Math.Pow(2, attempt)), ct);

                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.GetAsync("v1/models", ct);
                        }
                        catch (Exception ex) when (ex is HttpRequestException || ex is TimeoutException)
                        {
                            continue;
                        }

                        if ((int)response.StatusCode >= 500)
                            continue;

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }

                    throw new HttpRequestException("The model catalog did not recover after " + MaxAttempts + " attempts.");
                }
            }
            """);

        [Fact]
        public Task CatchExceptionBodyRethrowsNonTransientTypes_NoTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class WebhookRelay
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public WebhookRelay(HttpClient http) { _http = http; }

                public async Task<HttpResponseMessage> RelayAsync(Func<HttpRequestMessage> createRequest, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await _http.SendAsync(createRequest(), ct);
                        }
                        catch (Exception ex)
                        {
                            if (!(ex is HttpRequestException) && !(ex is IOException))
                                throw;
                            if (attempt == 5)
                                throw;
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task CatchExceptionBodyRethrowsClientErrorsByStatus_OpenAI_NoTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Moderator
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Moderator(ChatClient chat) { _chat = chat; }

                public async Task<string> ReviewAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (Exception ex)
                        {
                            var api = ex as ClientResultException;
                            if (api == null || (api.Status >= 400 && api.Status < 500) || attempt == 4)
                                throw;
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task SpecificTransientAnthropicExceptions_NoTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class ClaudeDrafts
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public ClaudeDrafts(AnthropicClient client) { _client = client; }

                public async Task<string> DraftAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            Message message = await _client.Messages.Create(request, ct);
                            foreach (ContentBlock block in message.Content)
                            {
                                TextBlock text;
                                if (block.TryPickText(out text))
                                    return text.Text;
                            }
                            return "";
                        }
                        catch (AnthropicIOException) when (attempt < 3)
                        {
                            await Task.Delay(Jitter.Next(0, 2000 * attempt * attempt), ct);
                        }
                        catch (Anthropic5xxException) when (attempt < 3)
                        {
                            await Task.Delay(Jitter.Next(0, 2000 * attempt * attempt), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task StatusPatternFilter_Latest_NoTR0001() => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class Completer(ChatClient chat)
            {
                public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < 5 && ex.Status is 0 or 408 or >= 500)
                        {
                            var cap = Math.Min(30_000, 1_000 * (1 << attempt));
                            await Task.Delay(Random.Shared.Next(cap), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task CatchExceptionThatLogsAndRethrows_InsideStatusRetryLoop_NoTR0001() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class CompletionProxy
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public CompletionProxy(HttpClient http) { _http = http; }

                public async Task<string> ForwardAsync(string body, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), ct);
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine("Forwarding failed: " + ex);
                            throw;
                        }

                        if ((int)response.StatusCode >= 500)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000) + 1000 * Math.Pow(2, attempt)), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }

                    throw new HttpRequestException("Upstream kept failing with 5xx.");
                }
            }
            """);

        [Fact]
        public Task CatchExceptionWithoutLoop_NoDiagnostic() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Greeter
            {
                private readonly ChatClient _chat;

                public Greeter(ChatClient chat) { _chat = chat; }

                public async Task<string> GreetAsync(string name)
                {
                    try
                    {
                        ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Say hello to " + name));
                        return completion.Content[0].Text;
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                        return "Hello, " + name + "!";
                    }
                }
            }
            """);
    }
}
