using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>TR0005: a retry loop whose wait is missing, constant or linear.</summary>
    public class TR0005Tests
    {
        [Fact]
        public Task NoWaitBetweenAttempts_OpenAI_FiresTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SqlExplainer
            {
                private readonly ChatClient _chat;

                public SqlExplainer(ChatClient chat) { _chat = chat; }

                public async Task<string> ExplainAsync(string sql, CancellationToken ct)
                {
                    {|TR0005:for|} (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Explain this SQL: " + sql) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                        {
                            Console.WriteLine("Server error " + ex.Status + ", trying again");
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task ConstantTaskDelay_Anthropic_FiresTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Chapterizer
            {
                private readonly AnthropicClient _client;

                public Chapterizer(AnthropicClient client) { _client = client; }

                public async Task<Message> SplitAsync(MessageCreateParams request, CancellationToken ct)
                {
                    {|TR0005:for|} (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicOverloadedException) when (attempt < 4)
                        {
                            await Task.Delay(3000, ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ConstantThreadSleepInSyncMethod_FiresTR0005Only() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public class CommitMessageTool
            {
                private readonly ChatClient _chat;

                public CommitMessageTool(ChatClient chat) { _chat = chat; }

                public string Suggest(string diff)
                {
                    int attempts = 0;
                    {|TR0005:while|} (true)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage("Write a commit message for:\n" + diff));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status == 503 && ++attempts < 5)
                        {
                            Thread.Sleep(TimeSpan.FromSeconds(1));
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task LinearDelayAttemptTimesConstant_HttpClient_FiresTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class SpeechClient
            {
                private readonly HttpClient _http;

                public SpeechClient(HttpClient http) { _http = http; }

                public async Task<byte[]> SynthesizeAsync(string json, CancellationToken ct)
                {
                    {|TR0005:for|} (int attempt = 1; attempt <= 4; attempt++)
                    {
                        var response = await _http.PostAsync("v1/audio/speech", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        if ((int)response.StatusCode >= 500 && attempt < 4)
                        {
                            await Task.Delay(1000 * attempt, ct);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsByteArrayAsync();
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task LinearDelayPlusEquals_SemanticKernel_FiresTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class QuizMaker
            {
                private readonly IChatCompletionService _chat;

                public QuizMaker(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> MakeQuizAsync(ChatHistory history, CancellationToken ct)
                {
                    int delayMs = 500;
                    {|TR0005:for|} (int attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 4)
                        {
                            await Task.Delay(delayMs, ct);
                            delayMs += 500;
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task ConstantDelayFromStaticField_AzureOpenAI_FiresTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            public class PolicyQa
            {
                private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
                private const int MaxRetries = 3;
                private readonly ChatClient _chat;

                public PolicyQa(AzureOpenAIClient client) { _chat = client.GetChatClient("policy-qa"); }

                public async Task<string> AskAsync(string question, CancellationToken ct)
                {
                    int retries = 0;
                    {|TR0005:while|} (true)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500)
                        {
                            if (retries++ >= MaxRetries)
                                throw;
                            await Task.Delay(RetryDelay, ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task LinearTimeSpanFromSeconds_GotoRetry_FiresTR0005OnLabel() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Glossary
            {
                private readonly AnthropicClient _client;

                public Glossary(AnthropicClient client) { _client = client; }

                public async Task<Message> DefineAsync(MessageCreateParams request, CancellationToken ct)
                {
                    int attempt = 0;
                {|TR0005:again|}:
                    try
                    {
                        return await _client.Messages.Create(request, ct);
                    }
                    catch (AnthropicIOException) when (attempt < 3)
                    {
                        attempt++;
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt), ct);
                        goto again;
                    }
                }
            }
            """);

        [Fact]
        public Task ForeachOverRangeIsNotFailover_FiresTR0002_TR0005_TR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Tweeter
            {
                private readonly ChatClient _chat;

                public Tweeter(ChatClient chat) { _chat = chat; }

                public async Task<string> ComposeAsync(string topic, CancellationToken ct)
                {
                    {|TR0005:{|TR0008:foreach|}|} (int attempt in Enumerable.Range(1, 3))
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Tweet about " + topic) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct);
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task ExponentialWithJitter_NoTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SqlExplainer
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public SqlExplainer(ChatClient chat) { _chat = chat; }

                public async Task<string> ExplainAsync(string sql, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Explain this SQL: " + sql) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                        {
                            double exp = 1000 * Math.Pow(2, attempt);
                            await Task.Delay(TimeSpan.FromMilliseconds(exp + Jitter.Next(0, 1000)), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task RetryAfterHeaderWait_HttpClient_NoTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class BatchSubmitter
            {
                private readonly HttpClient _http;

                public BatchSubmitter(HttpClient http) { _http = http; }

                public async Task<string> SubmitAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 5; attempt++)
                    {
                        using (var response = await _http.PostAsync("v1/batches", new StringContent(json, Encoding.UTF8, "application/json"), ct))
                        {
                            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
                            {
                                TimeSpan wait = response.Headers.RetryAfter != null && response.Headers.RetryAfter.Delta.HasValue
                                    ? response.Headers.RetryAfter.Delta.Value
                                    : TimeSpan.FromSeconds(5);
                                await Task.Delay(wait, ct);
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task IncreasingScheduleTable_NoTR0005_NoTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class InvoiceParser
            {
                private static readonly int[] BackoffScheduleMs = { 1000, 3000, 8000 };
                private readonly ChatClient _chat;

                public InvoiceParser(ChatClient chat) { _chat = chat; }

                public async Task<string> ParseAsync(string invoiceText, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(invoiceText) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < BackoffScheduleMs.Length)
                        {
                            await Task.Delay(BackoffScheduleMs[attempt], ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task RandomisedWaitAroundConstant_NoTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class Chapterizer
            {
                private static readonly Random Jitter = new Random();
                private readonly AnthropicClient _client;

                public Chapterizer(AnthropicClient client) { _client = client; }

                public async Task<Message> SplitAsync(MessageCreateParams request, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, ct);
                        }
                        catch (AnthropicOverloadedException) when (attempt < 4)
                        {
                            await Task.Delay(Jitter.Next(2000, 6000), ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task DoublingDelay_NoTR0005_ButTR0006() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class QuizMaker
            {
                private readonly IChatCompletionService _chat;

                public QuizMaker(IChatCompletionService chat) { _chat = chat; }

                public async Task<string> MakeQuizAsync(ChatHistory history, CancellationToken ct)
                {
                    int delayMs = 500;
                    {|TR0006:for|} (int attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 4)
                        {
                            await Task.Delay(delayMs, ct);
                            delayMs *= 2;
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        /// <summary>A sync loop whose wait helper computes a jittered exponential delay and waits on the token's WaitHandle: it backs off, so no TR0005.</summary>
        [Fact]
        public Task WaitHelperUsingWaitHandleWaitOne_JitteredExponential_NoTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public class Moderator
            {
                private const int MaxAttempts = 4;
                private static readonly Random Rng = new Random();
                private readonly ChatClient _chat;

                public Moderator(ChatClient chat) { _chat = chat; }

                public string Moderate(string text, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return _chat.CompleteChat(new ChatMessage[] { new UserChatMessage(text) }, cancellationToken: ct).Value.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < MaxAttempts && (ex.Status == 429 || ex.Status >= 500)
                            && ex.Message.IndexOf("API_KEY_QUOTA_EXHAUSTED", StringComparison.Ordinal) < 0
                            && ex.Message.IndexOf("USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal) < 0)
                        {
                            Pause(attempt, ct);
                        }
                    }
                }

                private static void Pause(int attempt, CancellationToken ct)
                {
                    double ceiling = Math.Min(30000, 1000 * Math.Pow(2, attempt - 1));
                    double ms = Rng.NextDouble() * ceiling;
                    if (ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(ms)))
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                }
            }
            """);
    }
}
