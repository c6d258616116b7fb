using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>Shapes met in real-world retry code (the fix corpus): what the analyzer must and must not report.</summary>
    public class RealWorldShapeTests
    {
        /// <summary>A status-check loop that refreshes the token and re-sends once after a 401 (a flag that is clear on the first attempt) is not a retry loop.</summary>
        [Fact]
        public Task StatusCheck_OneShotTokenRefreshOn401_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public interface ITokenSource
            {
                Task<string> GetAsync(CancellationToken ct);
                Task InvalidateAsync(CancellationToken ct);
            }

            public class GatewayChat
            {
                private readonly HttpClient _http;
                private readonly ITokenSource _tokens;

                public GatewayChat(HttpClient http, ITokenSource tokens) { _http = http; _tokens = tokens; }

                public async Task<string> SendAsync(string json, CancellationToken ct)
                {
                    bool refreshed = false;
                    while (true)
                    {
                        string token = await _tokens.GetAsync(ct);
                        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        HttpResponseMessage response = await _http.SendAsync(request, ct);
                        if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed)
                        {
                            // The cached token expired: refresh it once and send again.
                            await _tokens.InvalidateAsync(ct);
                            refreshed = true;
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                }
            }
            """);

        /// <summary>A classifier that sets the delay through out, and a wait inside an if condition (ct.WaitHandle.WaitOne(delay)), back off.</summary>
        [Fact]
        public Task WaitOnTheTokensWaitHandle_WithAClassifierThatSetsTheDelay_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using OpenAI.Chat;

            public class Narrator
            {
                private const int MaxAttempts = 5;
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Narrator(ChatClient chat) { _chat = chat; }

                public string Narrate(string table, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        TimeSpan delay = TimeSpan.Zero;
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new ChatMessage[] { new UserChatMessage(table) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (attempt < MaxAttempts && ShouldRetry(ex, attempt, out delay))
                        {
                            if (ct.WaitHandle.WaitOne(delay))
                            {
                                ct.ThrowIfCancellationRequested();
                            }
                        }
                    }
                }

                private static bool ShouldRetry(ClientResultException ex, int attempt, out TimeSpan delay)
                {
                    delay = TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt));
                    var body = ex.GetRawResponse()?.Content.ToString() ?? "";
                    if (body.Contains("API_KEY_QUOTA_EXHAUSTED") || body.Contains("USAGE_LIMIT_EXCEEDED") || body.Contains("insufficient_quota"))
                    {
                        return false;
                    }

                    return ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
                }
            }
            """);

        /// <summary>An async void event handler reports the failure in the UI after the last attempt: there is no caller to propagate to, so no TR0008.</summary>
        [Fact]
        public Task AsyncVoidEventHandler_ReportsTheFailure_NoTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class SummaryForm
            {
                private readonly ChatClient _chat;
                public string Status { get; private set; }
                public string Output { get; private set; }

                public SummaryForm(ChatClient chat) { _chat = chat; }

                public async void OnSummarizeClicked(object sender, EventArgs e)
                {
                    {|TR0005:for|} (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Summarize."));
                            Output = completion.Content[0].Text;
                            return;
                        }
                        catch (ClientResultException ex) when (ex.Status == 503)
                        {
                            Status = "Service busy, retrying";
                            await Task.Delay(2000);
                        }
                    }

                    Status = "Could not summarize right now.";
                }
            }
            """);

        /// <summary>Creating and configuring an HttpWebRequest sends nothing; the 429 read through we.Response is HttpWebResponse r is retried without a sticky-code check.</summary>
        [Fact]
        public Task HttpWebRequest_ResponseTestedFor429_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.IO;
            using System.Net;
            using System.Text;
            using System.Threading;

            public class LegacyCompletions
            {
                private readonly string _endpoint;

                public LegacyCompletions(string endpoint) { _endpoint = endpoint; }

                public string Complete(string json)
                {
                    byte[] payload = Encoding.UTF8.GetBytes(json);
                    {|TR0006:for|} (int attempt = 1; attempt <= 3; attempt++)
                    {
                        var request = (HttpWebRequest)WebRequest.Create(_endpoint + "/v1/chat/completions");
                        request.Method = "POST";
                        request.ContentType = "application/json";
                        try
                        {
                            using (Stream body = request.GetRequestStream())
                            {
                                body.Write(payload, 0, payload.Length);
                            }

                            using (var response = (HttpWebResponse)request.GetResponse())
                            using (var reader = new StreamReader(response.GetResponseStream()))
                            {
                                return reader.ReadToEnd();
                            }
                        }
                        {|TR0002:catch|} (WebException we) when (we.Response is HttpWebResponse r && (int)r.StatusCode == 429 && attempt < 3)
                        {
                            Thread.Sleep(TimeSpan.FromSeconds(1 << attempt));
                        }
                    }

                    throw new InvalidOperationException("the gateway kept throttling");
                }
            }
            """);

        /// <summary>catch (TException) in a generic helper retries what the caller chose: not catch-all, but the constant wait is still flagged.</summary>
        [Fact]
        public Task GenericHelper_CatchTException_CallerChooses_FiresOnlyTR0005() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Threading.Tasks;

            public static class Retry
            {
                public static async Task<T> OnAsync<T, TException>(int times, TimeSpan delay, Func<Task<T>> operation)
                    where TException : Exception
                {
                    var attempts = 0;
                    {|TR0005:while|} (true)
                    {
                        try
                        {
                            attempts++;
                            return await operation();
                        }
                        catch (TException)
                        {
                            if (attempts == times)
                            {
                                throw;
                            }

                            await Task.Delay(delay);
                        }
                    }
                }
            }
            """);

        /// <summary>An extension method that calls itself on its receiver from the catch is a recursive retry; the budget it passes on is never tested.</summary>
        [Fact]
        public Task ExtensionMethodRecursion_BudgetNeverTested_FiresTR0001AndTR0004() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            public static class AnthropicRetryExtensions
            {
                public static async Task<string> CompleteWithRetryAsync(this AnthropicClient client, MessageCreateParams request, CancellationToken ct = default, int maxRetry = 5)
                {
                    try
                    {
                        var message = await client.Messages.Create(request, ct);
                        return message.Content.First().TryPickText(out var text) ? text.Text : string.Empty;
                    }
                    {|TR0001:catch|} (Exception)
                    {
                        await Task.Delay(10000, ct);
                        return await {|TR0005:{|TR0004:client.CompleteWithRetryAsync(request, ct, maxRetry - 1)|}|};
                    }
                }
            }
            """);

        /// <summary>An if that only computes the wait from Retry-After decides nothing about retrying: the 429 is still retried without a sticky-code check.</summary>
        [Fact]
        public Task RetryAfterParsedIntoTheWait_DoesNotClassify_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class PolicyQa
            {
                private readonly ChatClient _chat;

                public PolicyQa(ChatClient chat) { _chat = chat; }

                public async Task<string> AnswerAsync(string question, CancellationToken ct)
                {
                    for (int attempt = 1; attempt <= 5; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 && attempt < 5)
                        {
                            TimeSpan wait = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(new Random().Next(0, 1000));
                            PipelineResponse raw = ex.GetRawResponse();
                            string retryAfter;
                            int seconds;
                            if (raw != null && raw.Headers.TryGetValue("Retry-After", out retryAfter) && int.TryParse(retryAfter, out seconds))
                            {
                                wait = TimeSpan.FromSeconds(seconds);
                            }

                            await Task.Delay(wait, ct);
                        }
                    }

                    throw new InvalidOperationException("no answer");
                }
            }
            """);

        /// <summary>return -1 after the last attempt is a placeholder that hides the failure.</summary>
        [Fact]
        public Task ReturnsMinusOneAfterTheLastAttempt_FiresTR0008() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using OpenAI.Chat;

            public class Scorer
            {
                private readonly ChatClient _chat;

                public Scorer(ChatClient chat) { _chat = chat; }

                public int Score(string essay)
                {
                    {|TR0008:for|} (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = _chat.CompleteChat(new UserChatMessage("Score 1-10: " + essay));
                            return int.Parse(completion.Content[0].Text);
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500)
                        {
                            System.Threading.Thread.Sleep(new Random().Next(0, 1000 << attempt));
                        }
                    }

                    return -1;
                }
            }
            """);

        /// <summary>
        /// Logging through ILogger's extension methods is logging: LogInformation is not a log-in (a re-authentication that would
        /// make the next attempt a different request), so the loop is still reported.
        /// </summary>
        [Fact]
        public Task LogInformationInTheCatch_IsNotALogIn_Fires() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using OpenAI.Chat;

            public class AnswerService
            {
                private readonly ChatClient _chat;
                private readonly ILogger<AnswerService> _logger;

                public AnswerService(ChatClient chat, ILogger<AnswerService> logger) { _chat = chat; _logger = logger; }

                public async Task<string> AnswerAsync(string question, CancellationToken ct)
                {
                    {|TR0005:for|} (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429)
                        {
                            _logger.LogInformation("Throttled (try {Attempt}), backing off", attempt + 1);
                            await Task.Delay(TimeSpan.FromSeconds(attempt + 1), ct);
                        }
                    }

                    throw new TimeoutException("still throttled");
                }
            }
            """);

        /// <summary>
        /// A catch that logs in again (LogInAsync, a whole word of the name) sends a different request next: not a retry. The same
        /// loop calling a LogAsync would be reported (no wait).
        /// </summary>
        [Fact]
        public Task LogInAgainInTheCatch_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public interface ISession
            {
                ChatClient Chat { get; }
                Task LogInAsync(CancellationToken ct);
            }

            public class SessionChat
            {
                private readonly ISession _session;

                public SessionChat(ISession session) { _session = session; }

                public async Task<string> AskAsync(string question, CancellationToken ct)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _session.Chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status == 503)
                        {
                            await _session.LogInAsync(ct);
                        }
                    }

                    throw new InvalidOperationException("not signed in");
                }
            }
            """);

        /// <summary>A 429 catch that stops only on OpenAI's insufficient_quota still retries the gateway's API_KEY_QUOTA_EXHAUSTED and USAGE_LIMIT_EXCEEDED.</summary>
        [Fact]
        public Task StickyCheckForOpenAIsCodeOnly_StillRetriesTheGatewaysSticky429s_Fires() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class ReplyDrafter
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public ReplyDrafter(ChatClient chat) { _chat = chat; }

                public async Task<string> DraftAsync(string email, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(email) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 && attempt < 5)
                        {
                            string body = ex.GetRawResponse() == null ? "" : ex.GetRawResponse().Content.ToString();
                            if (body.Contains("insufficient_quota"))
                            {
                                throw;
                            }

                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }
                }
            }
            """);

        /// <summary>Writing the HttpWebRequest body before the try does not carry the status: the 429 comes with GetResponse, inside the try, so the loop retries it.</summary>
        [Fact]
        public Task RequestStreamWrittenBeforeTheTry_TheStatusComesWithTheResponse_Fires() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.IO;
            using System.Net;
            using System.Text;
            using System.Threading;

            public class EmbeddingsOverWebRequest
            {
                public string Embed(string url, string json)
                {
                    {|TR0005:for|} (int attempt = 1; attempt <= 4; attempt++)
                    {
                        var request = (HttpWebRequest)WebRequest.Create(url);
                        request.Method = "POST";
                        byte[] payload = Encoding.UTF8.GetBytes(json);
                        using (Stream stream = request.GetRequestStream())
                        {
                            stream.Write(payload, 0, payload.Length);
                        }

                        try
                        {
                            using (var response = (HttpWebResponse)request.GetResponse())
                            using (var reader = new StreamReader(response.GetResponseStream()))
                            {
                                return reader.ReadToEnd();
                            }
                        }
                        {|TR0002:catch|} (WebException ex) when (ex.Response is HttpWebResponse r && (int)r.StatusCode == 429)
                        {
                            Thread.Sleep(10000);
                        }
                    }

                    throw new WebException("gave up");
                }
            }
            """);

        /// <summary>A user's result type that carries a status and an Ok flag: going round whenever it is not Ok retries 4xx too.</summary>
        [Fact]
        public Task UsersOwnResultTypeWithOk_IsAStatusCheck_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public struct GatewayResult
            {
                public GatewayResult(bool ok, int status, string body) { Ok = ok; Status = status; Body = body; }
                public bool Ok { get; }
                public int Status { get; }
                public string Body { get; }
            }

            public class IntentClassifier
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public IntentClassifier(HttpClient http) { _http = http; }

                public async Task<string> ClassifyAsync(string json, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        GatewayResult result = await PostAsync(json, ct);
                        if ({|TR0003:result.Ok|})
                        {
                            return result.Body;
                        }

                        await Task.Delay(Jitter.Next(0, 250 << attempt), ct);
                    }

                    throw new HttpRequestException("classification failed");
                }

                private async Task<GatewayResult> PostAsync(string json, CancellationToken ct)
                {
                    using (var content = new StringContent(json, Encoding.UTF8, "application/json"))
                    using (var response = await _http.PostAsync("v1/chat/completions", content, ct))
                    {
                        string body = await response.Content.ReadAsStringAsync();
                        return new GatewayResult(response.IsSuccessStatusCode, (int)response.StatusCode, body);
                    }
                }
            }
            """);

        /// <summary>
        /// A classifier written as a switch expression over the exception (type and property patterns, first match wins) is
        /// evaluated arm by arm: it retries 429 without reading the body, so TR0002.
        /// </summary>
        [Fact]
        public Task ClassifierSwitchExpressionOverTheException_Retries429_FiresTR0002() => Verify.AnalyzerAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            public static class KernelRetry
            {
                public static async Task<string> InvokeWithRetryAsync(this Kernel kernel, KernelFunction function, KernelArguments arguments, CancellationToken ct = default)
                {
                    int delayMs = 1000;
                    for (int attempt = 1; attempt < 3; attempt++)
                    {
                        try
                        {
                            var result = await kernel.InvokeAsync(function, arguments, ct);
                            return result.GetValue<string>();
                        }
                        {|TR0002:catch|} (Exception ex) when (IsTransient(ex))
                        {
                            await Task.Delay(delayMs + Random.Shared.Next(0, 250), ct);
                            delayMs *= 2;
                        }
                    }

                    var last = await kernel.InvokeAsync(function, arguments, ct);
                    return last.GetValue<string>();
                }

                private static bool IsTransient(Exception ex) => ex switch
                {
                    HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests } => true,
                    HttpOperationException { StatusCode: >= HttpStatusCode.InternalServerError } => true,
                    HttpRequestException => true,
                    _ => false
                };
            }
            """);

        /// <summary>
        /// A status loop that reads the body and stops on every sticky code (insufficient_quota included) but goes round on
        /// every other failing status still retries 401/402/403/404: the check for OpenAI's code classifies nothing else.
        /// </summary>
        [Fact]
        public Task StopsOnEveryStickyCode_ButRetriesOtherClientErrors_FiresTR0003() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class GatewayChat
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public GatewayChat(HttpClient http) { _http = http; }

                public async Task<string> PostAsync(HttpContent body, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        HttpResponseMessage response = await _http.PostAsync("chat/completions", body, ct);
                        if (response.IsSuccessStatusCode)
                        {
                            return await response.Content.ReadAsStringAsync();
                        }

                        string error = await response.Content.ReadAsStringAsync();
                        if ({|TR0003:error.Contains("API_KEY_QUOTA_EXHAUSTED") || error.Contains("USAGE_LIMIT_EXCEEDED") || error.Contains("insufficient_quota")|})
                        {
                            throw new HttpRequestException(error);
                        }

                        if (attempt + 1 >= 6)
                        {
                            throw new HttpRequestException(error);
                        }

                        await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                    }
                }
            }
            """);
    }
}
