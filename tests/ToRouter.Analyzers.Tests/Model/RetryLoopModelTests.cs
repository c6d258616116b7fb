using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Model
{
    /// <summary>The model on the loops SPEC §1 describes, one rule set per shape.</summary>
    public class RetryLoopModelTests
    {
        [Fact]
        public Task WhileTrueCatchExceptionThreadSleep_InAsyncMethod() => Verify.AnalyzerAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

class C
{
    async Task<ChatCompletion> M(ChatClient chat, string prompt)
    {
        {|TR0004:{|TR0005:{|TR0007:while|}|}|} (true)
        {
            try
            {
                return await chat.CompleteChatAsync(prompt);
            }
            {|TR0001:catch|} (Exception)
            {
                Thread.Sleep(1000);
            }
        }
    }
}");

        [Fact]
        public Task ForLoopRetriesEvery429_WithoutStickyCheck() => Verify.AnalyzerAsync(@"
using System;
using System.ClientModel;
using System.Threading.Tasks;
using OpenAI.Chat;

class C
{
    async Task<ChatCompletion> M(ChatClient chat, string prompt)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                return await chat.CompleteChatAsync(prompt);
            }
            {|TR0002:catch|} (ClientResultException ex) when (ex.Status == 429 && attempt < 4)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(new Random().Next(0, 250)));
            }
        }

        throw new InvalidOperationException(""unreachable"");
    }
}");

        [Fact]
        public Task HttpClientIsSuccessStatusCode_RetriesClientErrors() => Verify.AnalyzerAsync(@"
using System;
using System.Net.Http;
using System.Threading.Tasks;

class C
{
    async Task<string> M(HttpClient http, string url)
    {
        {|TR0004:{|TR0005:while|}|} (true)
        {
            var response = await http.GetAsync(url);
            if ({|TR0003:response.IsSuccessStatusCode|})
            {
                return await response.Content.ReadAsStringAsync();
            }

            await Task.Delay(1000);
        }
    }
}");

        [Fact]
        public Task CanonicalShape_IsQuiet() => Verify.AnalyzerAsync(@"
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

class C
{
    const int MaxAttempts = 6;
    [ThreadStatic] static Random t_random;
    static Random Rng => t_random ?? (t_random = new Random());

    async Task<ChatCompletion> M(ChatClient chat, string prompt, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await chat.CompleteChatAsync(new[] { new UserChatMessage(prompt) }, cancellationToken: ct);
            }
            catch (ClientResultException ex) when (attempt < MaxAttempts && IsRetryable(ex))
            {
                await Task.Delay(Backoff(attempt), ct);
            }
        }
    }

    static bool IsRetryable(ClientResultException ex)
    {
        if (ex.Status == 0) return true;
        string body = ex.GetRawResponse()?.Content.ToString() ?? """";
        if (body.Contains(""API_KEY_QUOTA_EXHAUSTED"") || body.Contains(""USAGE_LIMIT_EXCEEDED"")) return false;
        return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
    }

    static TimeSpan Backoff(int attempt)
        => TimeSpan.FromMilliseconds(Rng.NextDouble() * Math.Min(30000, 1000 * Math.Pow(2, attempt - 1)));
}");

        [Fact]
        public Task ReturnsNullAfterLastAttempt() => Verify.AnalyzerAsync(@"
using System;
using System.ClientModel;
using System.Threading.Tasks;
using OpenAI.Chat;

class C
{
    async Task<ChatCompletion> M(ChatClient chat, string prompt)
    {
        {|TR0008:for|} (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await chat.CompleteChatAsync(prompt);
            }
            catch (ClientResultException ex) when (ex.Status >= 500)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(new Random().Next(100, 200) * Math.Pow(2, attempt)));
            }
        }

        return null;
    }
}");
    }
}
