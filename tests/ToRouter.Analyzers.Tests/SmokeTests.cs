using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests
{
    public class SmokeTests
    {
        [Fact]
        public Task SdkTypesResolve() => Verify.AnalyzerAsync(@"
using System.ClientModel;
using Anthropic.Exceptions;
using Azure;
using Microsoft.SemanticKernel;
class C
{
    void M(ClientResultException a, AnthropicRateLimitException b, RequestFailedException c, HttpOperationException d, OpenAI.Chat.ChatClient e) { }
}");
    }
}
