using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>SPEC §5: severities and package options read from .editorconfig, and generated code.</summary>
    public class ConfigurationTests
    {
        private const string WhileTrueCatchAllThreadSleep = """
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
                        catch (Exception)
                        {
                            Thread.Sleep(1000);
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task SeverityNone_SilencesTR0001_OtherRulesStillReported() => Verify.AnalyzerAsync(
            WhileTrueCatchAllThreadSleep,
            editorConfig: "dotnet_diagnostic.TR0001.severity = none\n");

        [Fact]
        public Task SeverityNone_ForSeveralRules_SilencesEachOfThem() => Verify.AnalyzerAsync("""
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
                    {|TR0007:while|} (true)
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
            """,
            editorConfig: "dotnet_diagnostic.TR0004.severity = none\ndotnet_diagnostic.TR0005.severity = none\n");

        [Fact]
        public Task SeverityNone_SilencesInfoTR0006() => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class RecipeBot
            {
                private readonly ChatClient _chat;

                public RecipeBot(ChatClient chat) { _chat = chat; }

                public async Task<string> SuggestAsync(ChatMessage[] messages, CancellationToken ct)
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
                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """,
            editorConfig: "dotnet_diagnostic.TR0006.severity = none\n");

        [Fact]
        public Task GlobalConfig_SeverityNone_SilencesTR0001() => Verify.AnalyzerWithGlobalConfigAsync(
            WhileTrueCatchAllThreadSleep,
            "dotnet_diagnostic.TR0001.severity = none\n");

        private const string RetryHelperFilterSource = """
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Digest
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Digest(ChatClient chat) { _chat = chat; }

                public async Task<string> BuildAsync(string notes, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(notes) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|MARK:catch|} (Exception ex) when (attempt < 5 && IsTransientFailure(ex))
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * 1000 * Math.Pow(2, attempt)), ct);
                        }
                    }
                }

                private static bool IsTransientFailure(Exception ex)
                {
                    return !(ex is OperationCanceledException) && !(ex is ArgumentException);
                }
            }
            """;

        [Fact]
        public Task RetryHelperFilter_NotConfigured_HelperDoesNotNarrow_FiresTR0001() => Verify.AnalyzerAtOldAndNewAsync(
            RetryHelperFilterSource.Replace("{|MARK:catch|}", "{|TR0001:catch|}"));

        [Fact]
        public Task RetryHelpers_BareMethodName_SilencesCatchRules() => Verify.AnalyzerAsync(
            RetryHelperFilterSource.Replace("{|MARK:catch|}", "catch"),
            editorConfig: "torouter.retry_helpers = IsTransientFailure\n");

        [Fact]
        public Task GlobalConfig_RetryHelpers_SilencesCatchRules() => Verify.AnalyzerWithGlobalConfigAsync(
            RetryHelperFilterSource.Replace("{|MARK:catch|}", "catch"),
            "torouter.retry_helpers = IsTransientFailure\n");

        private const string QualifiedRetryHelperSource = """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            namespace MyApp.Resilience
            {
                public static class FailurePolicy
                {
                    public static bool IsTransientFailure(Exception ex)
                    {
                        return !(ex is OperationCanceledException);
                    }
                }
            }

            namespace MyApp.Features
            {
                using MyApp.Resilience;

                public class InvoiceMailer
                {
                    private static readonly Random Jitter = new Random();
                    private readonly HttpClient _http;

                    public InvoiceMailer(HttpClient http) { _http = http; }

                    public async Task<string> RenderAsync(string invoiceId, CancellationToken ct)
                    {
                        for (int attempt = 0; attempt < 4; attempt++)
                        {
                            try
                            {
                                return await _http.GetStringAsync("invoices/" + invoiceId + "/render");
                            }
                            {|MARK:catch|} (Exception ex) when (FailurePolicy.IsTransientFailure(ex) && attempt < 3)
                            {
                                await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                            }
                        }

                        throw new InvalidOperationException("unreachable");
                    }
                }
            }
            """;

        [Fact]
        public Task RetryHelpers_NamespaceTypeMethod_SilencesCatchRules() => Verify.AnalyzerAsync(
            QualifiedRetryHelperSource.Replace("{|MARK:catch|}", "catch"),
            editorConfig: "torouter.retry_helpers = MyApp.Resilience.FailurePolicy.IsTransientFailure\n");

        [Fact]
        public Task RetryHelpers_QualifiedNameOfAnotherType_DoesNotApply_FiresTR0001() => Verify.AnalyzerAsync(
            QualifiedRetryHelperSource.Replace("{|MARK:catch|}", "{|TR0001:catch|}"),
            editorConfig: "torouter.retry_helpers = MyApp.Legacy.FailurePolicy.IsTransientFailure\n");

        [Fact]
        public Task RetryHelpers_CommaSeparatedList_GuardInCatchBody_SilencesCatchRules() => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Labeler
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Labeler(ChatClient chat) { _chat = chat; }

                public async Task<string> LabelAsync(string text, CancellationToken ct)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(text) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex)
                        {
                            if (attempt >= 4 || !ShouldRetry(ex))
                                throw;
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)), ct);
                        }
                    }
                }

                private static bool ShouldRetry(ClientResultException ex)
                {
                    return ex.Status == 429 || ex.Status >= 500;
                }
            }
            """,
            editorConfig: "torouter.retry_helpers = IsTransientFailure, ShouldRetry\n");

        [Fact]
        public Task RetryHelpers_DoNotSilenceLoopLevelRules() => Verify.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            public class Poet
            {
                private readonly AnthropicClient _client;

                public Poet(AnthropicClient client) { _client = client; }

                public async Task<Message> WriteAsync(MessageCreateParams request)
                {
                    {|TR0004:{|TR0005:while|}|} (true)
                    {
                        try
                        {
                            return await _client.Messages.Create(request);
                        }
                        catch (Exception ex) when (IsTransientFailure(ex))
                        {
                            await Task.Delay(2000);
                        }
                    }
                }

                private static bool IsTransientFailure(Exception ex)
                {
                    return ex is Anthropic.Exceptions.AnthropicIOException || ex is Anthropic.Exceptions.Anthropic5xxException;
                }
            }
            """,
            editorConfig: "torouter.retry_helpers = IsTransientFailure\n");

        private const string CustomStickyCodeSource = """
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class BudgetedChat
            {
                private const int MaxAttempts = 5;
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public BudgetedChat(ChatClient chat) { _chat = chat; }

                public async Task<string> AskAsync(string question, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|MARK:catch|} (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts)
                        {
                            if (ex.Message.Contains("MY_SPENDING_CAP"))
                                throw;
                            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 1000 << attempt)), ct);
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task StickyCodes_NotConfigured_UnknownCodeDoesNotCount_FiresTR0002() => Verify.AnalyzerAtOldAndNewAsync(
            CustomStickyCodeSource.Replace("{|MARK:catch|}", "{|TR0002:catch|}"));

        [Fact]
        public Task StickyCodes_Configured_CustomCodeCountsAsStickyHandling() => Verify.AnalyzerAsync(
            CustomStickyCodeSource.Replace("{|MARK:catch|}", "catch"),
            editorConfig: "torouter.sticky_codes = MY_SPENDING_CAP\n");

        [Fact]
        public Task StickyCodes_CommaSeparatedList_HttpClientBodyCheck_Quiet() => Verify.AnalyzerAsync("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class TeamGateway
            {
                private static readonly Random Jitter = new Random();
                private readonly HttpClient _http;

                public TeamGateway(HttpClient http) { _http = http; }

                public async Task<string> SendAsync(string payload, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 5; attempt++)
                    {
                        using (var response = await _http.PostAsync("v1/chat/completions", new StringContent(payload, Encoding.UTF8, "application/json"), ct))
                        {
                            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                            {
                                string error = await response.Content.ReadAsStringAsync();
                                if (error.Contains("TEAM_BUDGET_SPENT"))
                                    throw new InvalidOperationException("Team budget spent: " + error);

                                await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadAsStringAsync();
                        }
                    }

                    throw new HttpRequestException("Still rate limited after 5 attempts.");
                }
            }
            """,
            editorConfig: "torouter.sticky_codes = MY_SPENDING_CAP, TEAM_BUDGET_SPENT\n");

        [Fact]
        public Task GeneratedCode_AutoGeneratedHeader_NothingReported() => Verify.AnalyzerAtOldAndNewAsync("""
            // <auto-generated>
            //     This code was generated by a tool.
            // </auto-generated>
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class GeneratedAssistantProxy
            {
                private readonly ChatClient _chat;

                public GeneratedAssistantProxy(ChatClient chat) { _chat = chat; }

                public async Task<ChatCompletion> AskAsync(ChatMessage[] messages)
                {
                    while (true)
                    {
                        try
                        {
                            return await _chat.CompleteChatAsync(messages);
                        }
                        catch (Exception)
                        {
                            Thread.Sleep(1000);
                        }
                    }
                }
            }
            """);
    }
}
