using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Model
{
    /// <summary>torouter.retry_helpers: a configured helper called on the failure path vouches for the classification.</summary>
    public class RetryHelperTests
    {
        private const string Source = @"
using System;
using System.Threading.Tasks;
using OpenAI.Chat;

public static class FailurePolicy
{
    // Lives in another assembly in real code: the analyzer cannot see what it checks.
    public static Task ThrowUnlessTransientAsync(Exception ex, int attempt) => Task.CompletedTask;
}

class Writer
{
    static readonly Random Jitter = new Random();

    public async Task<ChatCompletion> WriteAsync(ChatClient chat, string prompt)
    {
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                return await chat.CompleteChatAsync(prompt);
            }
            {|MARK:catch|} (Exception ex)
            {
                await FailurePolicy.ThrowUnlessTransientAsync(ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(0, 500 << attempt)));
            }
        }

        throw new InvalidOperationException(""gave up"");
    }
}";

        [Fact]
        public Task HelperCalledAsStatement_NotConfigured_FiresTR0001()
            => Verify.AnalyzerAsync(Source.Replace("{|MARK:catch|}", "{|TR0001:catch|}"));

        [Theory]
        [InlineData("ThrowUnlessTransientAsync")]
        [InlineData("FailurePolicy.ThrowUnlessTransientAsync")]
        public Task HelperCalledAsStatement_Configured_IsQuiet(string name)
            => Verify.AnalyzerAsync(Source.Replace("{|MARK:catch|}", "catch"), editorConfig: "torouter.retry_helpers = " + name + "\n");
    }
}
