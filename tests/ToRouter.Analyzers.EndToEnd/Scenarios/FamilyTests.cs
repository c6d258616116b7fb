using Xunit;

namespace ToRouter.Analyzers.EndToEnd.Scenarios
{
    [Trait("Category", "EndToEnd")]
    public sealed class OpenAiEndToEndTests : EndToEndTests
    {
        protected override Family Family => Families.OpenAi;
    }

    [Trait("Category", "EndToEnd")]
    public sealed class AnthropicEndToEndTests : EndToEndTests
    {
        protected override Family Family => Families.Anthropic;
    }

    [Trait("Category", "EndToEnd")]
    public sealed class HttpClientEndToEndTests : EndToEndTests
    {
        protected override Family Family => Families.HttpClient;
    }

    [Trait("Category", "EndToEnd")]
    public sealed class AzureOpenAiEndToEndTests : EndToEndTests
    {
        protected override Family Family => Families.AzureOpenAi;
    }

    [Trait("Category", "EndToEnd")]
    public sealed class SemanticKernelEndToEndTests : EndToEndTests
    {
        protected override Family Family => Families.SemanticKernel;
    }
}
