using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0007: Thread.Sleep inside a retry loop whose innermost enclosing function is async.</summary>
    public class TR0007Tests
    {
        [Fact]
        public Task ThreadSleepWithJitteredBackoffInAsyncMethod_OpenAI_FiresTR0007Only() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class EmailDrafter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public EmailDrafter(ChatClient chat) { _chat = chat; }

                public async Task<string> DraftAsync(string notes)
                {
                    {|TR0007:for|} (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Draft an email from these notes: " + notes));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                        {
                            Thread.Sleep(Jitter.Next(0, 1000 << attempt));
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task WhileTrueCatchExceptionThreadSleep_InAsyncMethod_FiresTR0001_TR0004_TR0005_TR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Assistant
            {
                private readonly ChatClient _chat;

                public Assistant(ChatClient chat) { _chat = chat; }

                public async Task<ChatCompletion> AskAsync(ChatMessage[] messages)
                {
                    {|TR0004:{|TR0005:{|TR0007:while|}|}|} (true)
                    {
                        try
                        {
                            return await _chat.CompleteChatAsync(messages);
                        }
                        {|TR0001:catch|} (Exception)
                        {
                            Thread.Sleep(1000);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ThreadSleepInsideAsyncLambda_FiresTR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class Prefetcher
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public Prefetcher(HttpClient http) { _http = http; }

                public Task<string> PrefetchAsync(string url)
                {
                    return Task.Run(async () =>
                    {
                        {|TR0007:for|} (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage response;
                            try
                            {
                                response = await _http.GetAsync(url);
                            }
                            catch (HttpRequestException) when (attempt < 4)
                            {
                                Thread.Sleep(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)));
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                    });
                }
            }
            """);

        [Fact]
        public Task ThreadSleepThroughPrivateSleepHelper_Anthropic_FiresTR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Outliner
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Outliner(AnthropicClient client) { _client = client; }

                public async Task<Message> OutlineAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int attempt = 0;
                    {|TR0007:while|} (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicOverloadedException) when (++attempt < 5)
                        {
                            Pause(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)));
                        }
                    }
                }

                private static void Pause(TimeSpan delay)
                {
                    Thread.Sleep(delay);
                }
            }
            """);

        [Fact]
        public Task ConstantThreadSleepInAsyncMethod_SemanticKernel_FiresTR0005_TR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class PersonaChat
            {
                private readonly IChatCompletionService _chat;

                public PersonaChat(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> ReplyAsync(ChatHistory history)
                {
                    {|TR0005:{|TR0007:for|}|} (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.BadGateway && attempt < 2)
                        {
                            Thread.Sleep(TimeSpan.FromSeconds(2));
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task ThreadSleepInAsyncLocalFunction_FiresTR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Labeler
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Labeler(ChatClient chat) { _chat = chat; }

                public Task<string[]> LabelAllAsync(IReadOnlyList<string> items)
                {
                    var tasks = new List<Task<string>>();
                    foreach (var item in items)
                        tasks.Add(LabelOneAsync(item));
                    return Task.WhenAll(tasks);

                    async Task<string> LabelOneAsync(string item)
                    {
                        {|TR0007:for|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Label: " + item));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                            {
                                Thread.Sleep(Jitter.Next(100, 200) << attempt);
                            }
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ThreadSleepInSyncMethod_NoTR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public class EmailDrafter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public EmailDrafter(ChatClient chat) { _chat = chat; }

                public string Draft(string notes)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage("Draft an email from these notes: " + notes));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                        {
                            Thread.Sleep(Jitter.Next(0, 1000 << attempt));
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task TaskDelayInAsyncMethod_NoTR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class EmailDrafter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public EmailDrafter(ChatClient chat) { _chat = chat; }

                public async Task<string> DraftAsync(string notes, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Draft an email from these notes: " + notes) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task ThreadSleepInSyncLambdaInsideAsyncMethod_NoTR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class OfflineWorker
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public OfflineWorker(ChatClient chat) { _chat = chat; }

                public async Task<string> RunAsync(string prompt)
                {
                    return await Task.Run(() =>
                    {
                        for (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = _chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                            {
                                Thread.Sleep(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)));
                            }
                        }
                    });
                }
            }
            """);

        [Fact]
        public Task ThreadSleepInSyncLocalFunctionOfAsyncMethod_NoTR0007() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class ConfigLoader
            {
                private static readonly Random Jitter = new Random();

                public async Task<string> LoadAsync(HttpClient http, string url)
                {
                    string cached = await Task.FromResult<string>(null);
                    return cached ?? Download();

                    string Download()
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            HttpResponseMessage response;
                            try
                            {
                                response = http.Send(new HttpRequestMessage(HttpMethod.Get, url));
                            }
                            catch (HttpRequestException) when (attempt < 3)
                            {
                                Thread.Sleep(Jitter.Next(0, 500 << attempt));
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ThreadSleepOutsideRetryLoopInAsyncMethod_NoDiagnostic() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Warmup
            {
                private readonly ChatClient _chat;

                public Warmup(ChatClient chat) { _chat = chat; }

                public async Task<string> PingAsync()
                {
                    // give the local gateway container a moment to start
                    Thread.Sleep(500);
                    ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("ping"));
                    return completion.Content[0].Text;
                }
            }
            """);
    }
}
