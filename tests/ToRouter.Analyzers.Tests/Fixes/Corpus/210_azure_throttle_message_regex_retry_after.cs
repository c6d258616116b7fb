// lang: latest
// expect: flagged
// shape: for (int attempt = 1; ; attempt++) around an Azure.AI.OpenAI ChatClient.CompleteChatAsync with catch (ClientResultException ex) when (ex.Status == (int)HttpStatusCode.TooManyRequests && attempt < MaxAttempts); the wait is scraped from the "Please retry after N seconds" text of ex.Message with a Regex (fallback a constant 10 s), but the error type is never checked, so sticky API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED 429s are retried like throttling
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N210
{
    public class ClaimsTriageService
    {
        private const int MaxAttempts = 4;
        private static readonly Regex RetryAfterText = new(@"retry after (\d+) second", RegexOptions.IgnoreCase | RegexOptions.Compiled);

        private readonly ChatClient _chatClient;
        private readonly ChatCompletionOptions _options = new() { Temperature = 0f, MaxOutputTokenCount = 200 };
        private readonly ILogger<ClaimsTriageService> _logger;

        public ClaimsTriageService(Uri endpoint, string key, string deployment, ILogger<ClaimsTriageService> logger)
        {
            var client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key));
            _chatClient = client.GetChatClient(deployment);
            _logger = logger;
        }

        public async Task<string> ClassifyClaimAsync(string claimText, CancellationToken ct)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Classify the insurance claim as one of: AUTO, HOME, HEALTH, TRAVEL, OTHER. Answer with the label only."),
                new UserChatMessage(claimText)
            };

            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    ChatCompletion completion = await _chatClient.CompleteChatAsync(messages, _options, ct);
                    return completion.Content[0].Text.Trim();
                }
                catch (ClientResultException ex) when (ex.Status == (int)HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
                {
                    var match = RetryAfterText.Match(ex.Message);
                    var seconds = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 10;

                    _logger.LogWarning("Azure OpenAI throttled claim triage, retrying in {Seconds}s (attempt {Attempt}/{Max})",
                        seconds, attempt, MaxAttempts);
                    await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
                }
            }
        }
    }
}
