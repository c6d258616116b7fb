using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.EndToEnd.Infrastructure;

namespace ToRouter.Analyzers.EndToEnd.Scenarios
{
    /// <summary>
    /// The client families and their original loops: the mistakes SPEC §1 describes, written the way they show
    /// up in real code, against the real SDK types. Every client points at the scripted server with the SDK's
    /// own retries off. Waits are 15 ms instead of the usual 1 s so the "before" runs are fast. Each loop still
    /// stops when the caller cancels (a delay that takes the token, or a filter that lets cancellation out), so
    /// a run that is cut at the cap can be unwound.
    /// </summary>
    public static class Families
    {
        public static readonly Family OpenAi = new()
        {
            Name = "OpenAI SDK 2.15",
            Order = 1,
            Wire = Wire.OpenAi,
            References = () => ReferenceSet.Default,
            LanguageVersion = LanguageVersion.CSharp7_3,
            FailureExceptionType = "System.ClientModel.ClientResultException",
            PathSuffix = "/v1/chat/completions",
            OriginalDescription = "`ChatClient.CompleteChatAsync` in `while (true)` with `catch (Exception)` and a fixed `await Task.Delay(15, ct)` (C# 7.3)",
            OriginalBehaviour = Family.Behaviour(Expect.NeverGivesUp),
            OriginalSource = @"using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUrl + ""/v1""),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var client = new ChatClient(""gpt-4o-mini"", new ApiKeyCredential(""test-key""), options);
        var messages = new ChatMessage[] { new UserChatMessage(""Say pong."") };

        while (true)
        {
            try
            {
                ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (Exception ex)
            {
                // The gateway is busy: wait a moment and try again.
                Debug.WriteLine(""chat call failed, retrying: "" + ex.Message);
                await Task.Delay(15, ct);
            }
        }
    }
}
",
        };

        public static readonly Family Anthropic = new()
        {
            Name = "Anthropic SDK 13.12",
            Order = 2,
            Wire = Wire.Anthropic,
            References = () => ReferenceSet.Default,
            LanguageVersion = LanguageVersion.Latest,
            ExposesRetryAfter = false,
            FailureExceptionType = "Anthropic.Exceptions.AnthropicApiException",
            PathSuffix = "/v1/messages",
            OriginalDescription = "`Messages.Create` in `for (int attempt = 1; ; attempt++)` with `catch (Exception ex) when (ex is not OperationCanceledException)` and a blocking `Thread.Sleep(15)` in an async method",
            OriginalBehaviour = Family.Behaviour(Expect.NeverGivesUp),
            OriginalSource = @"using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        var client = new AnthropicClient(new ClientOptions { BaseUrl = baseUrl, ApiKey = ""test-key"", MaxRetries = 0 });
        var request = new MessageCreateParams
        {
            Model = ""claude-sonnet-4-5"",
            MaxTokens = 64,
            Messages = [new UserMessageParam { Content = ""Say pong."" }],
        };

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Message message = await client.Messages.Create(request, ct);
                return message.Content[0].TryPickText(out TextBlock text) ? text.Text : """";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Debug.WriteLine($""attempt {attempt} failed: {ex.Message}"");
                Thread.Sleep(15);
            }
        }
    }
}
",
        };

        public static readonly Family HttpClient = new()
        {
            Name = "HttpClient",
            Order = 3,
            Wire = Wire.OpenAi,
            References = () => ReferenceSet.Default,
            LanguageVersion = LanguageVersion.CSharp7_3,
            FailureExceptionType = "System.Net.Http.HttpRequestException",
            PathSuffix = "/v1/chat/completions",
            OriginalDescription = "`PostAsync` in `while (true)`, retrying whenever `!response.IsSuccessStatusCode`, with a fixed `await Task.Delay(15, ct)` (C# 7.3)",
            OriginalBehaviour = Family.Behaviour(
                Expect.NeverGivesUp,
                (Scenarios.DroppedThenOk, Expect.Throws(1, null))),
            OriginalSource = @"using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public static class Scenario
{
    private const string Payload = ""{\""model\"":\""gpt-4o-mini\"",\""messages\"":[{\""role\"":\""user\"",\""content\"":\""Say pong.\""}]}"";

    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(""Bearer"", ""test-key"");
            while (true)
            {
                var content = new StringContent(Payload, Encoding.UTF8, ""application/json"");
                HttpResponseMessage response = await http.PostAsync(baseUrl + ""/v1/chat/completions"", content, ct);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync();
                }

                // Not OK yet (busy, rate limited, ...): try again shortly.
                await Task.Delay(15, ct);
            }
        }
    }
}
",
        };

        public static readonly Family AzureOpenAi = new()
        {
            Name = "Azure.AI.OpenAI 2.1",
            Order = 4,
            Wire = Wire.OpenAi,
            References = () => ReferenceSet.AzureOpenAi21,
            LanguageVersion = LanguageVersion.CSharp7_3,
            FailureExceptionType = "System.ClientModel.ClientResultException",
            PathSuffix = "/openai/deployments/gpt-4o-mini/chat/completions",
            OriginalDescription = "`AzureOpenAIClient` chat in `for (int attempt = 1; ; attempt++)` retrying every 429 (`catch (ClientResultException ex) when (ex.Status == 429 && attempt < 6)`) with a linear `Task.Delay(15 * attempt, ct)` (C# 7.3; OpenAI 2.1.0 underneath)",
            OriginalBehaviour = Family.Behaviour(
                Expect.Throws(1, 503),
                (Scenarios.StickyKeyQuota, Expect.Throws(6, 429)),
                (Scenarios.StickyUsageLimit, Expect.Throws(6, 429)),
                (Scenarios.InvalidKey, Expect.Throws(1, 401)),
                (Scenarios.PaymentRequired, Expect.Throws(1, 402)),
                (Scenarios.Forbidden, Expect.Throws(1, 403)),
                (Scenarios.ModelNotFound, Expect.Throws(1, 404)),
                (Scenarios.RateLimitThenOk, Expect.Succeeds(3)),
                (Scenarios.GatewayErrorsThenOk, Expect.Throws(1, 500)),
                (Scenarios.DroppedThenOk, Expect.Throws(1, null)),
                (Scenarios.RetryAfter, Expect.Succeeds(2)),
                (Scenarios.CancelDuringWait, Expect.Throws(1, 503))),
            OriginalSource = @"using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using OpenAI.Chat;

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        var azure = new AzureOpenAIClient(new Uri(baseUrl), new ApiKeyCredential(""test-key""), options);
        ChatClient chat = azure.GetChatClient(""gpt-4o-mini"");
        var messages = new ChatMessage[] { new UserChatMessage(""Say pong."") };

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429 && attempt < 6)
            {
                // Rate limited: back off a little longer each time.
                await Task.Delay(15 * attempt, ct);
            }
        }
    }
}
",
        };

        public static readonly Family SemanticKernel = new()
        {
            Name = "Semantic Kernel 1.82",
            Order = 5,
            Wire = Wire.OpenAi,
            References = () => ReferenceSet.Default,
            LanguageVersion = LanguageVersion.Latest,
            FailureExceptionType = "Microsoft.SemanticKernel.HttpOperationException",
            PathSuffix = "/v1/chat/completions",
            OriginalDescription = "`IChatCompletionService.GetChatMessageContentAsync` (OpenAI connector) in `for (attempt < 5)` with `catch (HttpOperationException)`, a fixed `Task.Delay(15, ct)`, and `return null` after the last attempt",
            OriginalBehaviour = Family.Behaviour(
                Expect.ReturnsNull(5),
                (Scenarios.CancelDuringWait, Expect.ReturnsNull(5))),
            OriginalSource = @"using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

public static class Scenario
{
    public static async Task<string> RunAsync(string baseUrl, CancellationToken ct)
    {
        var openAi = new OpenAIClient(new ApiKeyCredential(""test-key""), new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUrl + ""/v1""),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
        IChatCompletionService chat = new OpenAIChatCompletionService(""gpt-4o-mini"", openAi);
        var history = new ChatHistory();
        history.AddUserMessage(""Say pong."");

        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                ChatMessageContent reply = await chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                return reply.Content;
            }
            catch (HttpOperationException)
            {
                await Task.Delay(15, ct);
            }
        }

        return null;
    }
}
",
        };
    }
}
