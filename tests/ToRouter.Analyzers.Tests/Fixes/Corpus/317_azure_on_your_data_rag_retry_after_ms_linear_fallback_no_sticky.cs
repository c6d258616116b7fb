// lang: latest
// expect: flagged
// shape: Azure OpenAI "On Your Data" HR-policy answerer retries CompleteChatAsync on ClientResultException 429/5xx up to five attempts, waiting the raw response's retry-after-ms/Retry-After or else 2 s x attempt, but never reads the error body, so sticky API_KEY_QUOTA_EXHAUSTED/USAGE_LIMIT_EXCEEDED 429s are retried.
#nullable enable
#pragma warning disable AOAI001 // On Your Data is still marked experimental
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Azure.AI.OpenAI.Chat;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N317;

public sealed record GroundedAnswer(string Text, IReadOnlyList<string> Sources, int Attempts);

public sealed class PolicyDocsAnswerer
{
    private readonly ChatClient _chat;
    private readonly AzureSearchChatDataSource _dataSource;
    private readonly ILogger _logger;

    public PolicyDocsAnswerer(AzureOpenAIClient client, string deployment, Uri searchEndpoint, string indexName,
        string searchKey, ILogger<PolicyDocsAnswerer> logger)
    {
        _chat = client.GetChatClient(deployment);
        _dataSource = new AzureSearchChatDataSource
        {
            Endpoint = searchEndpoint,
            IndexName = indexName,
            Authentication = DataSourceAuthentication.FromApiKey(searchKey),
            TopNDocuments = 5,
            InScope = true,
        };
        _logger = logger;
    }

    public async Task<GroundedAnswer> AskAsync(string question, CancellationToken ct = default)
    {
        var options = new ChatCompletionOptions { Temperature = 0.2f };
        options.AddDataSource(_dataSource);

        ChatMessage[] messages =
        [
            new SystemChatMessage("Answer only from the HR policy documents and cite them. If they do not cover it, say so."),
            new UserChatMessage(question),
        ];

        ChatCompletion? completion = null;
        int attempt = 0;
        while (completion is null)
        {
            attempt++;
            try
            {
                completion = await _chat.CompleteChatAsync(messages, options, ct);
            }
            catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status >= 500) && attempt < 5)
            {
                var wait = ServerHint(ex) ?? TimeSpan.FromSeconds(2 * attempt);
                _logger.LogWarning("Azure OpenAI returned {Status} on attempt {Attempt}; waiting {Wait}", ex.Status, attempt, wait);
                await Task.Delay(wait, ct);
            }
        }

        var citations = completion.GetMessageContext()?.Citations
            .Select(c => c.Title ?? c.Url?.ToString() ?? c.FilePath ?? "(untitled)")
            .Distinct()
            .ToList() ?? [];

        return new GroundedAnswer(completion.Content[0].Text, citations, attempt);
    }

    private static TimeSpan? ServerHint(ClientResultException ex)
    {
        var raw = ex.GetRawResponse();
        if (raw is null)
            return null;
        if (raw.Headers.TryGetValue("retry-after-ms", out var ms) &&
            double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
            return TimeSpan.FromMilliseconds(millis);
        if (raw.Headers.TryGetValue("Retry-After", out var secs) && int.TryParse(secs, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        return null;
    }
}
