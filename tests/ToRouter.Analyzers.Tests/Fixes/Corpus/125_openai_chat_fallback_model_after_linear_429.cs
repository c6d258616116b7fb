// lang: latest
// expect: flagged
// shape: bounded for loop over the primary ChatClient; catch (ClientResultException ex) when (ex.Status == 429) retries every 429 (sticky quota ones included) after a linear 1 s * (attempt + 1) wait, then after the loop makes one call to a cheaper fallback-model ChatClient
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N125;

public interface IChatClientFactory
{
    ChatClient Create(string model);
}

public sealed class AnswerService
{
    private readonly ChatClient _primary;
    private readonly ChatClient _fallback;
    private readonly ILogger<AnswerService> _logger;
    private readonly int _primaryAttempts;

    public AnswerService(IChatClientFactory factory, ILogger<AnswerService> logger, int primaryAttempts = 3)
    {
        _primary = factory.Create("gpt-4.1");
        _fallback = factory.Create("gpt-4.1-mini");
        _logger = logger;
        _primaryAttempts = primaryAttempts;
    }

    public async Task<string> AnswerAsync(IEnumerable<ChatMessage> conversation, CancellationToken ct = default)
    {
        var options = new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 800 };

        for (var attempt = 0; attempt < _primaryAttempts; attempt++)
        {
            try
            {
                ChatCompletion completion = await _primary.CompleteChatAsync(conversation, options, ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429)
            {
                _logger.LogInformation("Primary model throttled (try {Attempt}), backing off", attempt + 1);
                await Task.Delay(TimeSpan.FromSeconds(attempt + 1), ct);
            }
        }

        _logger.LogWarning("Primary model still throttled after {Attempts} tries, using fallback model", _primaryAttempts);
        ChatCompletion fallback = await _fallback.CompleteChatAsync(conversation, options, ct);
        return fallback.Content[0].Text;
    }
}
