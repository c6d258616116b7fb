using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>
    /// SPEC §4 / SDK-FACTS "Recommended shapes": a correct loop (bounded attempts, exception filter, a
    /// same-class IsRetryable helper that checks the sticky codes and the transient statuses, exponential
    /// full-jitter delay from a [ThreadStatic] Random, await Task.Delay(delay, ct)) reports nothing.
    /// </summary>
    public class CanonicalShapeTests
    {
        [Fact]
        public Task OpenAI_CanonicalBoundedJitteredLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class ChatGateway
            {
                private const int MaxAttempts = 6;
                private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
                private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
                private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

                [ThreadStatic] private static Random t_random;
                private static int s_seed = Environment.TickCount;

                private readonly ChatClient _chat;

                public ChatGateway(ChatClient chat) { _chat = chat; }

                private static Random Rng
                {
                    get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
                }

                public async Task<string> CompleteAsync(IList<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, cancellationToken).ConfigureAwait(false);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex))
                        {
                            await Task.Delay(GetDelay(attempt, GetRetryAfter(ex)), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                private static bool IsRetryable(ClientResultException ex)
                {
                    if (ex.Status == 0)
                        return true;

                    string body = null;
                    PipelineResponse raw = ex.GetRawResponse();
                    if (raw != null)
                    {
                        try { body = raw.Content.ToString(); }
                        catch (InvalidOperationException) { }
                    }

                    foreach (string code in StickyCodes)
                    {
                        if ((body != null && body.IndexOf(code, StringComparison.Ordinal) >= 0)
                            || ex.Message.IndexOf(code, StringComparison.Ordinal) >= 0)
                            return false;
                    }

                    return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
                }

                private static TimeSpan? GetRetryAfter(ClientResultException ex)
                {
                    PipelineResponse raw = ex.GetRawResponse();
                    string value;
                    double seconds;
                    if (raw != null
                        && raw.Headers.TryGetValue("Retry-After", out value)
                        && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                        && seconds >= 0)
                        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
                    return null;
                }

                private static TimeSpan GetDelay(int attempt, TimeSpan? retryAfter)
                {
                    double ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
                    double ms = Rng.NextDouble() * ceilingMs;
                    if (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > ms)
                        ms = retryAfter.Value.TotalMilliseconds;
                    return TimeSpan.FromMilliseconds(ms);
                }
            }
            """);

        [Fact]
        public Task AzureOpenAI_CanonicalBoundedJitteredLoop_InlineDelay_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            public sealed class AzureChat
            {
                private const int MaxAttempts = 6;
                [ThreadStatic] private static Random t_random;
                private static int s_seed = Environment.TickCount;
                private readonly ChatClient _chat;

                public AzureChat(AzureOpenAIClient azure, string deployment) { _chat = azure.GetChatClient(deployment); }

                private static Random Rng
                {
                    get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
                }

                public async Task<string> AskAsync(string question, CancellationToken ct)
                {
                    var messages = new ChatMessage[] { new UserChatMessage(question) };
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(messages, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex))
                        {
                            double ceilingMs = Math.Min(30000, 1000 * Math.Pow(2, attempt));
                            await Task.Delay(TimeSpan.FromMilliseconds(Rng.NextDouble() * ceilingMs), ct);
                        }
                    }
                }

                private static bool IsRetryable(ClientResultException ex)
                {
                    string message = ex.Message ?? "";
                    if (message.Contains("API_KEY_QUOTA_EXHAUSTED") || message.Contains("USAGE_LIMIT_EXCEEDED") || message.Contains("insufficient_quota"))
                        return false;
                    return ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
                }
            }
            """);

        [Fact]
        public Task Anthropic_CanonicalBoundedJitteredLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public sealed class ClaudeGateway
            {
                private const int MaxAttempts = 6;
                private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
                private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
                private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED" };

                [ThreadStatic] private static Random t_random;
                private static int s_seed = Environment.TickCount;

                private readonly AnthropicClient _client;

                public ClaudeGateway(AnthropicClient client) { _client = client; }

                private static Random Rng
                {
                    get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
                }

                public async Task<Message> CreateAsync(MessageCreateParams request, CancellationToken cancellationToken)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await _client.Messages.Create(request, cancellationToken).ConfigureAwait(false);
                        }
                        catch (AnthropicApiException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex))
                        {
                            await Task.Delay(NextDelay(attempt), cancellationToken).ConfigureAwait(false);
                        }
                        catch (AnthropicIOException) when (attempt + 1 < MaxAttempts)
                        {
                            await Task.Delay(NextDelay(attempt), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                private static bool IsRetryable(AnthropicApiException ex)
                {
                    string type = ex.Type == null ? null : ex.Type.Raw();
                    foreach (string code in StickyCodes)
                    {
                        if (string.Equals(type, code, StringComparison.Ordinal)
                            || string.Equals(ex.ErrorCode, code, StringComparison.Ordinal)
                            || (ex.ResponseBody != null && ex.ResponseBody.IndexOf("\"" + code + "\"", StringComparison.Ordinal) >= 0))
                            return false;
                    }

                    int status = (int)ex.StatusCode;
                    return status == 408 || status == 429 || status >= 500;
                }

                private static TimeSpan NextDelay(int attempt)
                {
                    double ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
                    return TimeSpan.FromMilliseconds(Rng.NextDouble() * ceilingMs);
                }
            }
            """);

        [Fact]
        public Task HttpClient_CanonicalBoundedJitteredLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class ToRouterHttpClient
            {
                private const int MaxAttempts = 6;
                private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
                private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
                private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

                [ThreadStatic] private static Random t_random;
                private static int s_seed = Environment.TickCount;

                private readonly HttpClient _http;

                public ToRouterHttpClient(HttpClient http) { _http = http; }

                private static Random Rng
                {
                    get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
                }

                public async Task<string> PostChatAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), ct).ConfigureAwait(false);
                        }
                        catch (HttpRequestException) when (attempt + 1 < MaxAttempts)
                        {
                            await Task.Delay(NextDelay(attempt, null), ct).ConfigureAwait(false);
                            continue;
                        }
                        catch (TaskCanceledException) when (!ct.IsCancellationRequested && attempt + 1 < MaxAttempts)
                        {
                            await Task.Delay(NextDelay(attempt, null), ct).ConfigureAwait(false);
                            continue;
                        }

                        using (response)
                        {
                            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            if (response.IsSuccessStatusCode)
                                return body;

                            int status = (int)response.StatusCode;
                            if (attempt + 1 >= MaxAttempts || !IsRetryable(status, body))
                                throw new HttpRequestException("ToRouter returned " + status + ": " + body);

                            TimeSpan? retryAfter = response.Headers.RetryAfter != null ? response.Headers.RetryAfter.Delta : null;
                            await Task.Delay(NextDelay(attempt, retryAfter), ct).ConfigureAwait(false);
                        }
                    }
                }

                private static bool IsRetryable(int status, string body)
                {
                    if (body != null)
                    {
                        foreach (string code in StickyCodes)
                        {
                            if (body.IndexOf("\"" + code + "\"", StringComparison.Ordinal) >= 0)
                                return false;
                        }
                    }

                    return status == 408 || status == 429 || status >= 500;
                }

                private static TimeSpan NextDelay(int attempt, TimeSpan? retryAfter)
                {
                    double ms = Rng.NextDouble() * Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
                    if (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > ms)
                        ms = Math.Min(retryAfter.Value.TotalMilliseconds, MaxDelay.TotalMilliseconds);
                    return TimeSpan.FromMilliseconds(ms);
                }
            }
            """);

        [Fact]
        public Task SemanticKernel_CanonicalBoundedJitteredLoop_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public sealed class KernelChat
            {
                private const int MaxAttempts = 6;
                private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

                [ThreadStatic] private static Random t_random;
                private static int s_seed = Environment.TickCount;

                private readonly IChatCompletionService _chat;

                public KernelChat(IChatCompletionService chat) { _chat = chat; }

                private static Random Rng
                {
                    get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
                }

                public async Task<string> ReplyAsync(ChatHistory history, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex))
                        {
                            double ceilingMs = Math.Min(30000, 1000 * Math.Pow(2, attempt));
                            await Task.Delay(TimeSpan.FromMilliseconds(Rng.NextDouble() * ceilingMs), ct);
                        }
                    }
                }

                private static bool IsRetryable(HttpOperationException ex)
                {
                    var inner = ex.InnerException as ClientResultException;
                    string text = (ex.ResponseContent ?? "") + (inner != null ? inner.Message : "");
                    foreach (string code in StickyCodes)
                    {
                        if (text.IndexOf(code, StringComparison.Ordinal) >= 0)
                            return false;
                    }

                    if (!ex.StatusCode.HasValue)
                        return true;
                    int status = (int)ex.StatusCode.Value;
                    return status == 408 || status == 429 || status >= 500;
                }
            }
            """);

        [Fact]
        public Task OpenAI_CanonicalSynchronousLoop_ThreadSleep_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public sealed class BatchScriptChat
            {
                private const int MaxAttempts = 6;
                [ThreadStatic] private static Random t_random;
                private static int s_seed = Environment.TickCount;
                private readonly ChatClient _chat;

                public BatchScriptChat(ChatClient chat) { _chat = chat; }

                private static Random Rng
                {
                    get { return t_random ?? (t_random = new Random(Interlocked.Increment(ref s_seed))); }
                }

                public string Complete(string prompt)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage(prompt));
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex))
                        {
                            double ceilingMs = Math.Min(30000, 1000 * Math.Pow(2, attempt));
                            Thread.Sleep(TimeSpan.FromMilliseconds(Rng.NextDouble() * ceilingMs));
                        }
                    }
                }

                private static bool IsRetryable(ClientResultException ex)
                {
                    if (ex.Message.Contains("API_KEY_QUOTA_EXHAUSTED") || ex.Message.Contains("USAGE_LIMIT_EXCEEDED"))
                        return false;
                    return ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
                }
            }
            """);

        [Fact]
        public Task OpenAI_CanonicalShape_Latest_PatternsAndRandomShared_Quiet() => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class ModernGateway(ChatClient chat)
            {
                private const int MaxAttempts = 6;
                private static readonly string[] StickyCodes = ["API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota"];

                public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken ct)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt + 1 < MaxAttempts && IsRetryable(ex))
                        {
                            var ceiling = TimeSpan.FromMilliseconds(Math.Min(30_000, 1_000 * Math.Pow(2, attempt)));
                            await Task.Delay(ceiling * Random.Shared.NextDouble(), ct);
                        }
                    }
                }

                private static bool IsRetryable(ClientResultException ex)
                {
                    string body = ex.GetRawResponse()?.Content.ToString() ?? ex.Message;
                    foreach (var code in StickyCodes)
                    {
                        if (body.Contains(code, StringComparison.Ordinal))
                            return false;
                    }

                    return ex.Status is 0 or 408 or 429 or >= 500;
                }
            }
            """);
    }
}
