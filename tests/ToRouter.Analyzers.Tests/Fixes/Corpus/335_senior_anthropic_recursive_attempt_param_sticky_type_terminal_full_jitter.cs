// lang: latest
// expect: quiet
// shape: Senior Anthropic contract-review client retries by recursion with an attempt parameter capped at five, only for AnthropicIOException or 408/429/5xx whose Type/ErrorCode/ResponseBody carry no sticky quota code, with full-jitter capped exponential delays and the SDK's own retries disabled; the final failure propagates unchanged.
#nullable enable
using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N335
{
    public sealed class ContractReviewClient
    {
        private const int MaxAttempts = 5;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED" };

        private readonly AnthropicClient _client;
        private readonly ILogger<ContractReviewClient> _logger;

        public ContractReviewClient(string apiKey, Uri gateway, ILogger<ContractReviewClient> logger)
        {
            // We own the retry policy here; the SDK's built-in retries would multiply our attempts.
            _client = new AnthropicClient(new ClientOptions { ApiKey = apiKey, BaseUrl = gateway.ToString(), MaxRetries = 0 });
            _logger = logger;
        }

        public async Task<string> FlagRiskyClausesAsync(string contractText, CancellationToken ct)
        {
            var request = new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 2000,
                System = "List clauses that create unlimited liability, auto-renewal or exclusivity. Quote each clause.",
                Messages = [new UserMessageParam(contractText)],
            };

            Message message = await CreateWithRetryAsync(request, attempt: 1, ct);
            return string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : string.Empty));
        }

        private async Task<Message> CreateWithRetryAsync(MessageCreateParams request, int attempt, CancellationToken ct)
        {
            try
            {
                return await _client.Messages.Create(request, ct);
            }
            catch (AnthropicApiException ex) when (attempt < MaxAttempts && IsRetryable(ex))
            {
                _logger.LogWarning("Anthropic {Status} ({Type}) on attempt {Attempt}, request {RequestId}",
                    (int)ex.StatusCode, ex.Type?.Raw(), attempt, ex.RequestID);
            }
            catch (AnthropicIOException ex) when (attempt < MaxAttempts)
            {
                _logger.LogWarning(ex, "Network failure talking to the gateway on attempt {Attempt}", attempt);
            }

            await Task.Delay(NextDelay(attempt), ct);
            return await CreateWithRetryAsync(request, attempt + 1, ct);
        }

        private static bool IsRetryable(AnthropicApiException ex)
        {
            string? type = ex.Type?.Raw();
            string body = ex.ResponseBody ?? string.Empty;
            if (StickyCodes.Any(c => c == type || c == ex.ErrorCode || body.Contains(c, StringComparison.Ordinal)))
                return false;

            int status = (int)ex.StatusCode;
            return ex.StatusCode == HttpStatusCode.RequestTimeout || status == 429 || status >= 500;
        }

        private static TimeSpan NextDelay(int attempt)
        {
            double ceilingMs = Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1));
            return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceilingMs);
        }
    }
}
