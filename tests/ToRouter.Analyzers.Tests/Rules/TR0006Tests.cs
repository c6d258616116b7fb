using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0006 (Info): exponential backoff without random jitter.</summary>
    public class TR0006Tests
    {
        [Fact]
        public Task MathPowDelayWithoutJitter_OpenAI_FiresTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class RecipeBot
            {
                private readonly ChatClient _chat;

                public RecipeBot(ChatClient chat) { _chat = chat; }

                public async Task<string> SuggestAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    {|TR0006:for|} (int attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 4)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task DelayDoubledEachRetry_HttpClient_FiresTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class VectorIndexer
            {
                private readonly HttpClient _http;

                public VectorIndexer(HttpClient http) { _http = http; }

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
            """);

        [Fact]
        public Task BitShiftDelay_Anthropic_FiresTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Localizer
            {
                private readonly AnthropicClient _client;

                public Localizer(AnthropicClient client) { _client = client; }

                public async Task<Message> LocalizeAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int attempt = 0;
                    {|TR0006:while|} (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (Anthropic5xxException) when (attempt < 4)
                        {
                            await Task.Delay(500 << attempt, ct);
                            attempt++;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ExponentialPlusAttemptDerivedTerm_IsNotJitter_FiresTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SloganMaker
            {
                private readonly ChatClient _chat;

                public SloganMaker(ChatClient chat) { _chat = chat; }

                public async Task<string> MakeAsync(string product, CancellationToken ct)
                {
                    {|TR0006:for|} (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Slogan for " + product) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when ((ex.Status == 0 || ex.Status >= 500) && attempt < 5)
                        {
                            // "jitter" that every client computes identically
                            int pseudoJitter = (attempt * 7919) % 250;
                            await Task.Delay((int)(1000 * Math.Pow(2, attempt)) + pseudoJitter, ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task SyncThreadSleepExponential_FiresTR0006Only() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public class CliAssistant
            {
                private readonly ChatClient _chat;

                public CliAssistant(ChatClient chat) { _chat = chat; }

                public string Run(string prompt)
                {
                    {|TR0006:for|} (int i = 0; i < 4; i++)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && i < 3)
                        {
                            Thread.Sleep((int)Math.Pow(2, i) * 1000);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task CappedExponentialWithMathMin_SemanticKernel_FiresTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class ChangelogBot
            {
                private readonly IChatCompletionService _chat;

                public ChangelogBot(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> WriteAsync(ChatHistory history, CancellationToken ct)
                {
                    {|TR0006:for|} (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (ex.StatusCode >= HttpStatusCode.InternalServerError && attempt < 6)
                        {
                            double ms = Math.Min(30000, 1000 * Math.Pow(2, attempt));
                            await Task.Delay(TimeSpan.FromMilliseconds(ms), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ExponentialWithRandomAdditiveJitter_NoTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class RecipeBot
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public RecipeBot(ChatClient chat) { _chat = chat; }

                public async Task<string> SuggestAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 4)
                        {
                            var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Jitter.Next(0, 1000));
                            await Task.Delay(delay, ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task FullJitterNextDouble_NoTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Localizer
            {
                private static readonly Random Rng = new Random();
                private readonly AnthropicClient _client;

                public Localizer(AnthropicClient client) { _client = client; }

                public async Task<Message> LocalizeAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (Anthropic5xxException) when (attempt < 4)
                        {
                            double ceilingMs = Math.Min(20000, 500 * Math.Pow(2, attempt));
                            await Task.Delay(TimeSpan.FromMilliseconds(Rng.NextDouble() * ceilingMs), ct);
                            attempt++;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task RandomSharedMultiplicativeJitter_Latest_NoTR0006() => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class SloganMaker(ChatClient chat)
            {
                public async Task<string> MakeAsync(string product, CancellationToken ct)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage($"Slogan for {product}")], cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status is 0 or >= 500 && attempt < 5)
                        {
                            var baseDelay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                            await Task.Delay(baseDelay * (0.8 + 0.4 * Random.Shared.NextDouble()), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task RandomNumberGeneratorJitter_Latest_NoTR0006() => Verify.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class AssetClient(HttpClient http)
            {
                public async Task<byte[]> GetAsync(string path, CancellationToken ct)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await http.GetAsync(path, ct);
                        }
                        catch (HttpRequestException) when (attempt < 4)
                        {
                            var backoffMs = 200 * (1 << attempt);
                            await Task.Delay(backoffMs + RandomNumberGenerator.GetInt32(0, backoffMs), ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsByteArrayAsync(ct);
                    }
                }
            }
            """);

        [Fact]
        public Task ConstantDelay_IsTR0005NotTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class CliAssistant
            {
                private readonly ChatClient _chat;

                public CliAssistant(ChatClient chat) { _chat = chat; }

                public async Task<string> RunAsync(string prompt, CancellationToken ct)
                {
                    {|TR0005:for|} (int i = 0; i < 4; i++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && i < 3)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(2), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);
    }
}
