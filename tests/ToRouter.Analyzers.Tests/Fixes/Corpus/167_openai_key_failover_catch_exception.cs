// lang: latest
// expect: flagged
// shape: failover foreach over configured API keys that builds a ChatClient from the iteration variable, but the catch (Exception ex) moves on to the next key after any failure (a malformed 400 request, a 404 model, or the caller's own cancellation is re-sent with every key); collects the failures and throws an AggregateException after the last key
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N167
{
    public sealed class MultiKeyChatService
    {
        private readonly IReadOnlyList<string> _apiKeys;
        private readonly Uri _endpoint;
        private readonly string _model;
        private readonly ILogger<MultiKeyChatService> _logger;

        public MultiKeyChatService(IReadOnlyList<string> apiKeys, Uri endpoint, string model, ILogger<MultiKeyChatService> logger)
        {
            _apiKeys = apiKeys;
            _endpoint = endpoint;
            _model = model;
            _logger = logger;
        }

        public async Task<string> AskAsync(string question, CancellationToken ct = default)
        {
            var failures = new List<Exception>();

            foreach (var key in _apiKeys)
            {
                var client = new ChatClient(_model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = _endpoint });
                try
                {
                    ChatCompletion completion = await client.CompleteChatAsync(
                        new ChatMessage[] { new UserChatMessage(question) },
                        cancellationToken: ct);
                    return completion.Content[0].Text;
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "API key ending in {Suffix} failed; trying the next key", key.Length > 4 ? key[^4..] : "****");
                    failures.Add(ex);
                }
            }

            throw new AggregateException("All configured API keys failed.", failures);
        }
    }
}
