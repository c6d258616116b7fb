// lang: latest
// expect: flagged
// shape: recursive retry in an extension method CompleteChatWithRetryAsync(this ChatClient, ..., int maxRetry = 5) used by a group-chat agent: catch (Exception) rethrows when maxRetry <= 0, otherwise waits a constant Task.Delay(1000) and calls itself with maxRetry - 1; every failure (400/401/404, sticky quota 429s, bugs) is retried the same way
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N199
{
    internal static class ChatClientExtension
    {
        public static async Task<ChatCompletion> CompleteChatWithRetryAsync(
            this ChatClient client,
            IList<ChatMessage> messages,
            ChatCompletionOptions options = null,
            CancellationToken ct = default,
            int maxRetry = 5)
        {
            try
            {
                ClientResult<ChatCompletion> result = await client.CompleteChatAsync(messages, options, ct);
                return result.Value;
            }
            catch (System.Exception)
            {
                if (maxRetry <= 0)
                {
                    throw;
                }

                await Task.Delay(1000, ct);
                return await client.CompleteChatWithRetryAsync(messages, options, ct, maxRetry - 1);
            }
        }
    }

    public class GroupChatAgent
    {
        private readonly ChatClient _client;
        private readonly string _name;
        private readonly string _systemPrompt;

        public GroupChatAgent(ChatClient client, string name, string systemPrompt)
        {
            _client = client;
            _name = name;
            _systemPrompt = systemPrompt;
        }

        public string Name => _name;

        public async Task<string> ReplyAsync(IEnumerable<(string Speaker, string Text)> conversation, CancellationToken ct = default)
        {
            var messages = new List<ChatMessage> { new SystemChatMessage(_systemPrompt) };
            messages.AddRange(conversation.Select(turn => turn.Speaker == _name
                ? (ChatMessage)new AssistantChatMessage(turn.Text)
                : new UserChatMessage($"{turn.Speaker}: {turn.Text}")));

            var options = new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 512 };
            var completion = await _client.CompleteChatWithRetryAsync(messages, options, ct);
            return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
        }
    }
}
