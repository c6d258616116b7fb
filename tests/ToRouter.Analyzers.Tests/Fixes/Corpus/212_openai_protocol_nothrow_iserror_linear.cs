// lang: latest
// expect: flagged
// shape: OpenAI protocol-method call (ChatClient.CompleteChatAsync(BinaryContent, RequestOptions) with ErrorOptions = ClientErrorBehaviors.NoThrow) in a for (attempt <= MaxAttempts) loop that goes round whenever the raw PipelineResponse.IsError, logging the status and body but never acting on them, so 400/401/403/404 and sticky quota 429s are re-sent; waits a linear attempt * 2 s and throws after the loop
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N212
{
    public sealed class RawChatGateway
    {
        private const int MaxAttempts = 4;

        private readonly ChatClient _chat;
        private readonly ILogger<RawChatGateway> _logger;

        public RawChatGateway(ChatClient chat, ILogger<RawChatGateway> logger)
        {
            _chat = chat;
            _logger = logger;
        }

        /// <summary>Sends a hand-built request body so we can pass gateway-specific fields the typed API does not expose.</summary>
        public async Task<string> CompleteAsync(string userPrompt, string routeTag, CancellationToken ct = default)
        {
            BinaryData payload = BinaryData.FromObjectAsJson(new
            {
                model = "gpt-4o-mini",
                messages = new[] { new { role = "user", content = userPrompt } },
                metadata = new { route = routeTag }
            });

            var options = new RequestOptions
            {
                ErrorOptions = ClientErrorBehaviors.NoThrow,
                CancellationToken = ct
            };

            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                using BinaryContent content = BinaryContent.Create(payload);
                ClientResult result = await _chat.CompleteChatAsync(content, options);
                PipelineResponse response = result.GetRawResponse();

                if (!response.IsError)
                {
                    using JsonDocument doc = JsonDocument.Parse(response.Content.ToMemory());
                    return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
                }

                _logger.LogWarning("Completion attempt {Attempt} returned {Status}: {Body}",
                    attempt, response.Status, response.Content.ToString());

                if (attempt < MaxAttempts)
                    await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct);
            }

            throw new InvalidOperationException($"Chat completion failed after {MaxAttempts} attempts.");
        }
    }
}
