using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>
    /// Code in the middle of being typed: the analyzer must not throw, and must not guess. Sources are
    /// chosen so that no diagnostic is expected, except where the loop itself is complete.
    /// </summary>
    public class IncompleteCodeTests
    {
        [Fact]
        public Task CatchOpenParenWithNothingAfter_InPerItemLoop_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Summaries
            {
                public async Task<List<string>> SummarizeAllAsync(ChatClient chat, IEnumerable<string> documents)
                {
                    var results = new List<string>();
                    foreach (var doc in documents)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage("Summarize: " + doc));
                            results.Add(completion.Content[0].Text);
                        }
                        catch (
            """);

        [Fact]
        public Task MissingClosingBraces_AfterCorrectLoop_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Drafts
            {
                private static readonly Random Jitter = new Random();

                public async Task<string> DraftAsync(ChatClient chat, string prompt, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= 500 && attempt < 3)
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
            """);

        [Fact]
        public Task UnresolvedExceptionType_InBoundedLoop_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Drafts
            {
                private static readonly Random Jitter = new Random();

                public async Task<string> DraftAsync(ChatClient chat, string prompt, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ServerBusyExcepti ex) when (attempt < 3)
                        {
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task BrokenWhenFilterExpression_BodyRethrowsNonServerErrors_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Drafts
            {
                private static readonly Random Jitter = new Random();

                public async Task<string> DraftAsync(ChatClient chat, string prompt, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status >= )
                        {
                            if (ex.Status < 500 || attempt == 3)
                                throw;
                            await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """);

        [Fact]
        public Task WhenKeywordWithNothingAfter_InPerItemLoop_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System.ClientModel;
            using System.Collections.Generic;
            using OpenAI.Chat;

            public class Grader
            {
                public List<string> GradeAll(ChatClient chat, IEnumerable<string> answers)
                {
                    var grades = new List<string>();
                    foreach (var answer in answers)
                    {
                        try
                        {
                            ChatCompletion completion = chat.CompleteChat(new UserChatMessage(answer));
                            grades.Add(completion.Content[0].Text);
                        }
                        catch (ClientResultException ex) when
            """);

        [Fact]
        public Task WhileTrueWithoutBody_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Typing
            {
                public async Task<string> AskAsync(ChatClient chat, string prompt)
                {
                    ChatCompletion first = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                    while (true)
                }
            }
            """);

        [Fact]
        public Task ForHeaderWithoutStatement_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Typing
            {
                public async Task<string> AskAsync(ChatClient chat, string prompt)
                {
                    for (int attempt = 0; attempt < 3; attempt++)
                }
            }
            """);

        [Fact]
        public Task HalfTypedForHeader_AtEndOfFile_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Typing
            {
                public async Task<string> AskAsync(ChatClient chat, string prompt)
                {
                    for (int attempt = 0; attempt <
            """);

        [Fact]
        public Task UnresolvedAttemptMethod_InCorrectLoop_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Drafts
            {
                private static readonly Random Jitter = new Random();
                private readonly ChatClient _chat;

                public Drafts(ChatClient chat) { _chat = chat; }

                public async Task<string> DraftAsync(string prompt, CancellationToken ct)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            var completion = await _chat.CompleteChatAsyc(prompt, ct);
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
        public Task MissingCloseParenAndSemicolonOnDelay_InCorrectLoop_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class Fetcher
            {
                private static readonly Random Jitter = new Random();

                public async Task<string> FetchAsync(HttpClient http, string url, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await http.GetAsync(url, ct);
                        }
                        catch (HttpRequestException) when (attempt < 4)
                        {
                            await Task.Delay(Jitter.Next(0, 500 << attempt), ct
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task TryWithoutCatchInsideUnfinishedAsyncLambda_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class Typing
            {
                public Func<Task<ChatCompletion>> Make(ChatClient chat, ChatMessage[] messages)
                {
                    return async () =>
                    {
                        while (true)
                        {
                            try
                            {
                                return await chat.CompleteChatAsync(
            """);

        [Fact]
        public Task GotoLabelWithoutStatement_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            public class Typing
            {
                public async Task<Message> SendAsync(AnthropicClient client, MessageCreateParams request)
                {
                    Message message = await client.Messages.Create(request);
                    return message;
                retry:
                }
            }
            """);

        [Fact]
        public Task MissingTypeAndBraces_CSharp73_NoDiagnostic() => Verify.IncompleteCodeAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Legacy
            {
                public async Task<string> GetAsync(HttpClient http, string url)
                {
                    int attempt = 0;
                    while (attempt < 3
                    {
                        attempt++;
                        try
                        {
                            var response = await http.GetAsync(url);
                            if ((int)response.StatusCode < 500)
                            {
                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                        }
                        catch (HttpRequestException) { throw; }
                        await Task.Delay(new Random().Next(0, 1000 << attempt));
                    }

                    throw new Exception(
            """, LanguageVersion.CSharp7_3);

        [Fact]
        public Task CompleteRetryLoop_ClassBraceMissing_StillReportsLoop() => Verify.IncompleteCodeAsync("""
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
            """);
    }
}
