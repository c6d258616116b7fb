// lang: latest
// expect: flagged
// shape: async recursive retry: AskClaudeAsync(prompt, depth) catches AnthropicApiException when the status is 429 or >= 500, rethrows once depth reaches MaxDepth, otherwise waits an unjittered 500 ms * 2^depth and calls itself with depth + 1; no sticky-code check on the 429 path
using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N122
{
    internal static class ClaudeHelper
    {
        private const int MaxDepth = 4;

        private static readonly AnthropicClient Client = new AnthropicClient(new ClientOptions
        {
            ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"),
            BaseUrl = Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com",
        });

        public static async Task<string> AskClaudeAsync(string prompt, int depth = 0)
        {
            try
            {
                var msg = await Client.Messages.Create(new MessageCreateParams
                {
                    Model = Model.ClaudeSonnet5_5,
                    MaxTokens = 1024,
                    Messages = new List<MessageParam> { new UserMessageParam(prompt) },
                });

                var sb = new StringBuilder();
                foreach (var block in msg.Content)
                {
                    if (block.TryPickText(out TextBlock text))
                        sb.Append(text.Text);
                }
                return sb.ToString();
            }
            catch (AnthropicApiException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500)
            {
                if (depth >= MaxDepth)
                    throw;

                int waitMs = 500 * (1 << depth);
                Console.Error.WriteLine($"claude: {(int)ex.StatusCode}, retrying in {waitMs}ms (depth {depth})");
                await Task.Delay(waitMs);
                return await AskClaudeAsync(prompt, depth + 1);
            }
        }
    }
}
