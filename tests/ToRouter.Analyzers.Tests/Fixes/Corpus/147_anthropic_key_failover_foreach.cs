// lang: latest
// expect: quiet
// shape: failover loop: foreach over configured Anthropic API keys builds an AnthropicClient (SDK retries left on) from the iteration variable and moves to the next key only on AnthropicRateLimitException (limits and spend caps are per key) or AnthropicOverloadedException, records the failure and throws an AggregateException after the last key; no waiting
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N147
{
    public sealed class PooledClaude
    {
        private readonly IReadOnlyList<string> _apiKeys;
        private readonly string _baseUrl;
        private readonly ILogger<PooledClaude> _logger;

        public PooledClaude(IReadOnlyList<string> apiKeys, string baseUrl, ILogger<PooledClaude> logger)
        {
            _apiKeys = apiKeys;
            _baseUrl = baseUrl;
            _logger = logger;
        }

        public async Task<Message> CreateAsync(MessageCreateParams parameters, CancellationToken ct = default)
        {
            var failures = new List<Exception>();

            foreach (var key in _apiKeys)
            {
                var client = new AnthropicClient(new ClientOptions { ApiKey = key, BaseUrl = _baseUrl });
                try
                {
                    return await client.Messages.Create(parameters, ct);
                }
                catch (AnthropicRateLimitException ex)
                {
                    _logger.LogWarning("Key ...{Suffix} throttled or out of quota ({Type}); trying next key",
                        key[^4..], ex.Type?.Raw());
                    failures.Add(ex);
                }
                catch (AnthropicOverloadedException ex)
                {
                    _logger.LogWarning("Overloaded on key ...{Suffix}; trying next key", key[^4..]);
                    failures.Add(ex);
                }
            }

            throw new AggregateException("All Anthropic keys are throttled, exhausted or overloaded.", failures);
        }
    }
}
