using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>SPEC §2: loops that look like retry loops but are not. None of them may be flagged.</summary>
    public class LookAlikeTests
    {
        [Fact]
        public Task BatchStatusPolling_HttpClient_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;

            public class BatchWatcher
            {
                private readonly HttpClient _http;

                public BatchWatcher(HttpClient http) { _http = http; }

                public async Task<JsonDocument> WaitForBatchAsync(string batchId, CancellationToken ct)
                {
                    while (true)
                    {
                        using (var response = await _http.GetAsync("v1/batches/" + batchId, ct))
                        {
                            response.EnsureSuccessStatusCode();
                            var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            string status = doc.RootElement.GetProperty("status").GetString();
                            if (status == "completed" || status == "failed" || status == "expired" || status == "cancelled")
                                return doc;
                        }

                        await Task.Delay(TimeSpan.FromSeconds(10), ct);
                    }
                }
            }
            """);

        [Fact]
        public Task FineTuneJobPollingDoWhile_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;

            public class FineTuneMonitor
            {
                private readonly HttpClient _http;

                public FineTuneMonitor(HttpClient http) { _http = http; }

                public async Task<string> WaitAsync(string jobId, CancellationToken ct)
                {
                    string status;
                    do
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30), ct);
                        string json = await _http.GetStringAsync("v1/fine_tuning/jobs/" + jobId);
                        using (var doc = JsonDocument.Parse(json))
                        {
                            status = doc.RootElement.GetProperty("status").GetString();
                        }
                        Console.WriteLine("Job " + jobId + ": " + status);
                    }
                    while (status == "validating_files" || status == "queued" || status == "running");

                    return status;
                }
            }
            """);

        [Fact]
        public Task CursorPagination_DoWhileHasMore_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Text.Json;
            using System.Threading.Tasks;

            public class FileLister
            {
                private readonly HttpClient _http;

                public FileLister(HttpClient http) { _http = http; }

                public async Task<List<string>> ListAllFileIdsAsync()
                {
                    var ids = new List<string>();
                    string after = null;
                    bool hasMore;
                    do
                    {
                        string url = "v1/files?limit=100" + (after == null ? "" : "&after=" + after);
                        using (var response = await _http.GetAsync(url))
                        {
                            response.EnsureSuccessStatusCode();
                            using (var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
                            {
                                foreach (var item in doc.RootElement.GetProperty("data").EnumerateArray())
                                {
                                    after = item.GetProperty("id").GetString();
                                    ids.Add(after);
                                }
                                hasMore = doc.RootElement.GetProperty("has_more").GetBoolean();
                            }
                        }
                    }
                    while (hasMore);

                    return ids;
                }
            }
            """);

        [Fact]
        public Task PageTokenPaginationWhileLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;

            public class UsageExporter
            {
                private readonly HttpClient _http;

                public UsageExporter(HttpClient http) { _http = http; }

                public async Task<int> CountEventsAsync(CancellationToken ct)
                {
                    int total = 0;
                    string pageToken = "";
                    while (pageToken != null)
                    {
                        var response = await _http.GetAsync("v1/usage/events?page_token=" + pageToken, ct);
                        if (!response.IsSuccessStatusCode)
                            throw new HttpRequestException("Usage export failed: " + (int)response.StatusCode);

                        using (var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
                        {
                            total += doc.RootElement.GetProperty("events").GetArrayLength();
                            JsonElement next;
                            pageToken = doc.RootElement.TryGetProperty("next_page_token", out next) && next.ValueKind == JsonValueKind.String
                                ? next.GetString()
                                : null;
                        }
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task BackgroundWorkerWhileNotCancelled_CatchExceptionAndContinue_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public abstract class WorkerBase
            {
                protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
            }

            public class SummaryWorker : WorkerBase
            {
                private readonly ChatClient _chat;
                private readonly ConcurrentQueue<string> _pending;
                private readonly ConcurrentDictionary<string, string> _summaries = new ConcurrentDictionary<string, string>();

                public SummaryWorker(ChatClient chat, ConcurrentQueue<string> pending)
                {
                    _chat = chat;
                    _pending = pending;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        try
                        {
                            string doc;
                            if (_pending.TryDequeue(out doc))
                            {
                                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Summarize: " + doc) }, null, stoppingToken);
                                _summaries[doc] = completion.Content[0].Text;
                            }
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine("Summary worker iteration failed: " + ex);
                        }

                        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                    }
                }
            }
            """);

        [Fact]
        public Task ChannelMessageConsumer_CatchPerMessage_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class ReviewQueueConsumer
            {
                private readonly AnthropicClient _client;
                private readonly ChannelReader<MessageCreateParams> _reader;

                public ReviewQueueConsumer(AnthropicClient client, ChannelReader<MessageCreateParams> reader)
                {
                    _client = client;
                    _reader = reader;
                }

                public async Task RunAsync(CancellationToken ct)
                {
                    while (await _reader.WaitToReadAsync(ct))
                    {
                        MessageCreateParams request;
                        while (_reader.TryRead(out request))
                        {
                            try
                            {
                                Message reply = await _client.Messages.Create(request, ct);
                                Console.WriteLine("Reviewed: " + reply.ID);
                            }
                            catch (AnthropicApiException ex)
                            {
                                Console.Error.WriteLine("Review failed with " + (int)ex.StatusCode + "; message dropped");
                            }
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task BlockingCollectionConsumer_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Net.Http;
            using System.Text;
            using System.Threading;

            public class WebhookDispatcher
            {
                private readonly BlockingCollection<string> _outbox;
                private readonly HttpClient _http;

                public WebhookDispatcher(BlockingCollection<string> outbox, HttpClient http)
                {
                    _outbox = outbox;
                    _http = http;
                }

                public void Run(CancellationToken ct)
                {
                    foreach (string payload in _outbox.GetConsumingEnumerable(ct))
                    {
                        try
                        {
                            var response = _http.Send(new HttpRequestMessage(HttpMethod.Post, "hooks/llm") { Content = new StringContent(payload, Encoding.UTF8, "application/json") });
                            response.EnsureSuccessStatusCode();
                        }
                        catch (HttpRequestException ex)
                        {
                            Console.Error.WriteLine("Dropping webhook: " + ex.Message);
                            Thread.Sleep(100);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ServerSentEventsReader_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Text;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;

            public class RawStreamingClient
            {
                private readonly HttpClient _http;

                public RawStreamingClient(HttpClient http) { _http = http; }

                public async Task<string> StreamAsync(string json, CancellationToken ct)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                    {
                        Content = new StringContent(json, Encoding.UTF8, "application/json"),
                    };
                    var text = new StringBuilder();
                    using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
                    {
                        response.EnsureSuccessStatusCode();
                        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
                        {
                            string line;
                            while ((line = await reader.ReadLineAsync()) != null)
                            {
                                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                                    continue;
                                string data = line.Substring(6);
                                if (data == "[DONE]")
                                    break;
                                try
                                {
                                    using (var doc = JsonDocument.Parse(data))
                                    {
                                        JsonElement delta = doc.RootElement.GetProperty("choices")[0].GetProperty("delta");
                                        JsonElement content;
                                        if (delta.TryGetProperty("content", out content))
                                            text.Append(content.GetString());
                                    }
                                }
                                catch (JsonException)
                                {
                                    // keep-alive or malformed event: skip it
                                }
                            }
                        }
                    }

                    return text.ToString();
                }
            }
            """);

        [Fact]
        public Task OpenAIStreamingAwaitForeach_Latest_Quiet() => Verify.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class LiveTyper(ChatClient chat)
            {
                public async Task<string> TypeAsync(List<ChatMessage> messages, Action<string> onToken, CancellationToken ct)
                {
                    var sb = new StringBuilder();
                    await foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreamingAsync(messages, cancellationToken: ct))
                    {
                        foreach (ChatMessageContentPart part in update.ContentUpdate)
                        {
                            onToken(part.Text);
                            sb.Append(part.Text);
                        }
                    }

                    return sb.ToString();
                }
            }
            """);

        [Fact]
        public Task ConsoleRepl_WhileTrue_CatchAndPrompt_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public static class Repl
            {
                public static async Task RunAsync(ChatClient chat)
                {
                    var history = new List<ChatMessage> { new SystemChatMessage("You are a helpful assistant.") };
                    while (true)
                    {
                        Console.Write("> ");
                        string input = Console.ReadLine();
                        if (input == null || input == "exit")
                            break;

                        history.Add(new UserChatMessage(input));
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(history);
                            string answer = completion.Content[0].Text;
                            history.Add(new AssistantChatMessage(answer));
                            Console.WriteLine(answer);
                        }
                        catch (ClientResultException ex)
                        {
                            history.RemoveAt(history.Count - 1);
                            Console.WriteLine("Error " + ex.Status + ": " + ex.Message);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task PerItemCatchOverDocuments_Foreach_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class BulkSummarizer
            {
                private readonly IChatCompletionService _chat;

                public BulkSummarizer(IChatCompletionService chat) { _chat = chat; }

                public async Task<Dictionary<string, string>> SummarizeAllAsync(IEnumerable<string> documents, CancellationToken ct)
                {
                    var results = new Dictionary<string, string>();
                    foreach (string doc in documents)
                    {
                        try
                        {
                            var history = new ChatHistory();
                            history.AddUserMessage("Summarize:\n" + doc);
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            results[doc] = reply.Content;
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine("Skipping document: " + ex.Message);
                            await Task.Delay(1000, ct);
                        }
                    }

                    return results;
                }
            }
            """);

        [Fact]
        public Task PerItemCatchOverIndexedPrompts_For_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using OpenAI.Chat;

            public class Grader
            {
                private readonly ChatClient _chat;

                public Grader(ChatClient chat) { _chat = chat; }

                public string[] GradeAll(IList<string> answers)
                {
                    var grades = new string[answers.Count];
                    for (int i = 0; i < answers.Count; i++)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage("Grade this answer: " + answers[i]));
                            grades[i] = completion.Content[0].Text;
                        }
                        catch (ClientResultException)
                        {
                            grades[i] = null;
                            Thread.Sleep(250);
                        }
                    }

                    return grades;
                }
            }
            """);

        [Fact]
        public Task ToolCallLoop_CatchAlwaysRethrows_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class ToolAgent
            {
                private readonly ChatClient _chat;
                private readonly Func<string, string, string> _runTool;

                public ToolAgent(ChatClient chat, Func<string, string, string> runTool)
                {
                    _chat = chat;
                    _runTool = runTool;
                }

                public async Task<string> RunAsync(List<ChatMessage> messages, ChatCompletionOptions options, CancellationToken ct)
                {
                    for (int round = 0; round < 10; round++)
                    {
                        ChatCompletion completion;
                        try
                        {
                            completion = await _chat.CompleteChatAsync(messages, options, ct);
                        }
                        catch (ClientResultException ex)
                        {
                            Console.Error.WriteLine("Model call failed in round " + round + ": " + ex.Status);
                            throw;
                        }

                        if (completion.FinishReason != ChatFinishReason.ToolCalls)
                            return completion.Content[0].Text;

                        messages.Add(new AssistantChatMessage(completion));
                        foreach (ChatToolCall call in completion.ToolCalls)
                            messages.Add(new ToolChatMessage(call.Id, _runTool(call.FunctionName, call.FunctionArguments.ToString())));
                    }

                    throw new InvalidOperationException("The agent did not finish within 10 tool rounds.");
                }
            }
            """);

        [Fact]
        public Task CatchAlwaysBreaks_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class SitemapCrawler
            {
                private readonly HttpClient _http;

                public SitemapCrawler(HttpClient http) { _http = http; }

                public async Task<List<string>> CrawlAsync(Queue<string> frontier)
                {
                    var pages = new List<string>();
                    while (frontier.Count > 0)
                    {
                        string url = frontier.Dequeue();
                        try
                        {
                            pages.Add(await _http.GetStringAsync(url));
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine("Stopping crawl at " + url + ": " + ex.Message);
                            break;
                        }
                    }

                    return pages;
                }
            }
            """);

        [Fact]
        public Task CatchAlwaysReturnsPartialResults_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SubtitleTranslator
            {
                private readonly ChatClient _chat;

                public SubtitleTranslator(ChatClient chat) { _chat = chat; }

                public async Task<List<string>> TranslateLinesAsync(IList<string> lines)
                {
                    var output = new List<string>();
                    for (int i = 0; i < lines.Count; i++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Translate to German: " + lines[i]));
                            output.Add(completion.Content[0].Text);
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine("Stopping at line " + i + ": " + ex.Message);
                            return output;
                        }
                    }

                    return output;
                }
            }
            """);

        [Fact]
        public Task ShrinkHistoryOnContextLengthExceeded_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class LongConversation
            {
                private readonly ChatClient _chat;

                public LongConversation(ChatClient chat) { _chat = chat; }

                public async Task<string> ContinueAsync(List<ChatMessage> history, CancellationToken ct)
                {
                    while (true)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(history, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status == 400 && ex.Message.Contains("context_length_exceeded"))
                        {
                            if (history.Count <= 2)
                                throw;
                            // drop the oldest turn after the system prompt and send the shorter history
                            history.RemoveAt(1);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task RepromptAfterInvalidJson_ThrowsAfterLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Plan
            {
                public string Title { get; set; }
                public List<string> Steps { get; set; }
            }

            public class Planner
            {
                private readonly ChatClient _chat;

                public Planner(ChatClient chat) { _chat = chat; }

                public async Task<Plan> PlanAsync(string goal, CancellationToken ct)
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage("Reply with a JSON object {\"Title\": string, \"Steps\": string[]} and nothing else."),
                        new UserChatMessage(goal),
                    };

                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, ct);
                        string text = completion.Content[0].Text;
                        try
                        {
                            return JsonSerializer.Deserialize<Plan>(text);
                        }
                        catch (JsonException ex)
                        {
                            messages.Add(new AssistantChatMessage(text));
                            messages.Add(new UserChatMessage("That was not valid JSON (" + ex.Message + "). Reply with the JSON object only."));
                        }
                    }

                    throw new InvalidOperationException("The model never produced a valid plan.");
                }
            }
            """);

        [Fact]
        public Task RepromptAfterInvalidJson_ReturnsNullAfterLoop_Anthropic_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            public class Extractor
            {
                private readonly AnthropicClient _client;

                public Extractor(AnthropicClient client) { _client = client; }

                public async Task<Dictionary<string, string>> ExtractAsync(System.Func<string, MessageCreateParams> buildRequest, string document, CancellationToken ct)
                {
                    string prompt = "Extract the fields as a flat JSON object:\n" + document;
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        Message reply = await _client.Messages.Create(buildRequest(prompt), ct);
                        string text = "";
                        TextBlock block;
                        if (reply.Content.Count > 0 && reply.Content[0].TryPickText(out block))
                            text = block.Text;
                        try
                        {
                            return JsonSerializer.Deserialize<Dictionary<string, string>>(text);
                        }
                        catch (JsonException)
                        {
                            prompt = "Your previous answer was not valid JSON. Extract the fields as a flat JSON object only:\n" + document;
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task RefreshTokenOnceOn401_NoLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading;
            using System.Threading.Tasks;

            public class TokenClient
            {
                private readonly HttpClient _http;
                private readonly Func<bool, CancellationToken, Task<string>> _getToken;

                public TokenClient(HttpClient http, Func<bool, CancellationToken, Task<string>> getToken)
                {
                    _http = http;
                    _getToken = getToken;
                }

                public async Task<string> GetAsync(string path, CancellationToken ct)
                {
                    var response = await SendOnceAsync(path, false, ct);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        response.Dispose();
                        response = await SendOnceAsync(path, true, ct);
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                private async Task<HttpResponseMessage> SendOnceAsync(string path, bool forceRefresh, CancellationToken ct)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, path);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _getToken(forceRefresh, ct));
                    return await _http.SendAsync(request, ct);
                }
            }
            """);

        [Fact]
        public Task RefreshTokenOn401InTwoAttemptLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading;
            using System.Threading.Tasks;

            public class TokenClient
            {
                private readonly HttpClient _http;
                private readonly Func<bool, CancellationToken, Task<string>> _getToken;

                public TokenClient(HttpClient http, Func<bool, CancellationToken, Task<string>> getToken)
                {
                    _http = http;
                    _getToken = getToken;
                }

                public async Task<string> GetAsync(string path, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 2; attempt++)
                    {
                        var request = new HttpRequestMessage(HttpMethod.Get, path);
                        string token = await _getToken(attempt > 0, ct);
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        using (var response = await _http.SendAsync(request, ct))
                        {
                            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                                continue;

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task InterlockedCompareExchangeSpin_WhileTrue_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Threading;

            public class TokenBudget
            {
                private long _remaining;

                public TokenBudget(long initial) { _remaining = initial; }

                public bool TryConsume(long tokens)
                {
                    while (true)
                    {
                        long current = Interlocked.Read(ref _remaining);
                        if (current < tokens)
                            return false;
                        if (Interlocked.CompareExchange(ref _remaining, current - tokens, current) == current)
                            return true;
                    }
                }
            }
            """);

        [Fact]
        public Task InterlockedCompareExchangeSpin_DoWhileWithSpinWait_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;

            public class CostMeter
            {
                private double _totalUsd;

                public double Add(double usd)
                {
                    var spinner = new SpinWait();
                    double initial, computed;
                    do
                    {
                        initial = Volatile.Read(ref _totalUsd);
                        computed = initial + usd;
                        if (initial != Interlocked.CompareExchange(ref _totalUsd, computed, initial))
                        {
                            spinner.SpinOnce();
                            continue;
                        }
                        return computed;
                    }
                    while (true);
                }
            }
            """);

        [Fact]
        public Task RetryHelperCallSite_InterfaceHelper_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public interface IRetryExecutor
            {
                Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct);
            }

            public class Translator
            {
                private readonly ChatClient _chat;
                private readonly IRetryExecutor _retry;

                public Translator(ChatClient chat, IRetryExecutor retry)
                {
                    _chat = chat;
                    _retry = retry;
                }

                public async Task<IList<string>> TranslateAllAsync(IEnumerable<string> lines, CancellationToken ct)
                {
                    var results = new List<string>();
                    foreach (string line in lines)
                    {
                        string translated = await _retry.RetryAsync(async token =>
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Translate to French: " + line) }, null, token);
                            return completion.Content[0].Text;
                        }, ct);
                        results.Add(translated);
                    }

                    return results;
                }
            }
            """);

        [Fact]
        public Task RetryHelperCallSite_InFileBoundedHelper_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Resilience
            {
                private static readonly Random Jitter = new Random();

                public static async Task<T> RetryAsync<T>(Func<Task<T>> operation, int maxAttempts, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await operation();
                        }
                        catch (HttpRequestException ex) when (attempt < maxAttempts && (ex.StatusCode == null || (int)ex.StatusCode.Value >= 500))
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * Math.Min(30000, 1000 * Math.Pow(2, attempt))), ct);
                        }
                    }
                }
            }

            public class Catalog
            {
                private readonly HttpClient _http;

                public Catalog(HttpClient http) { _http = http; }

                public Task<string> GetModelsAsync(CancellationToken ct)
                {
                    return Resilience.RetryAsync(() => _http.GetStringAsync("v1/models"), 4, ct);
                }

                public async Task<string> GetModelAsync(string id, CancellationToken ct)
                {
                    return await Resilience.RetryAsync(async () =>
                    {
                        using (var response = await _http.GetAsync("v1/models/" + id, ct))
                        {
                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                    }, 4, ct);
                }
            }
            """);

        [Fact]
        public Task PollyV8PipelineCallSite_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            using Polly;
            using Polly.Retry;

            public class ResilientChat
            {
                private readonly ChatClient _chat;
                private readonly ResiliencePipeline _pipeline;

                public ResilientChat(ChatClient chat)
                {
                    _chat = chat;
                    _pipeline = new ResiliencePipelineBuilder()
                        .AddRetry(new RetryStrategyOptions
                        {
                            ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(ex => ex.Status == 0 || ex.Status >= 500),
                            MaxRetryAttempts = 3,
                            BackoffType = DelayBackoffType.Exponential,
                            UseJitter = true,
                            Delay = TimeSpan.FromSeconds(1),
                            MaxDelay = TimeSpan.FromSeconds(30),
                        })
                        .Build();
                }

                public async Task<string> AskAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    ChatCompletion completion = await _pipeline.ExecuteAsync<ChatCompletion>(
                        async token => (await _chat.CompleteChatAsync(messages, null, token)).Value,
                        ct);
                    return completion.Content[0].Text;
                }
            }
            """);

        [Fact]
        public Task PollyV7PolicyCallSite_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Polly;
            using Polly.Retry;

            public class LegacyGateway
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;
                private readonly AsyncRetryPolicy _retry;

                public LegacyGateway(HttpClient http)
                {
                    _http = http;
                    _retry = Policy
                        .Handle<HttpRequestException>(ex => ex.StatusCode == null || (int)ex.StatusCode.Value >= 500)
                        .WaitAndRetryAsync(3, attempt => TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)));
                }

                public Task<string> GetUsageAsync(string day)
                {
                    return _retry.ExecuteAsync(() => _http.GetStringAsync("v1/usage?date=" + day));
                }
            }
            """);
    }
}
