// lang: latest
// expect: flagged
// shape: Semantic Kernel knowledge-base answerer retries GetChatMessageContentAsync in a do/while on HttpOperationException whose StatusCode pattern includes 401 Unauthorized ("key rotation lag") alongside 429/502/503, so a bad or disabled key is hammered up to the configured attempt count.
#nullable enable
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N268;

public sealed class AnswererOptions
{
    public int MaxAttempts { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}

public sealed class KnowledgeBaseAnswerer(
    IChatCompletionService chat,
    Kernel kernel,
    IOptions<AnswererOptions> options,
    ILogger<KnowledgeBaseAnswerer> logger)
{
    public async Task<string> AnswerAsync(string question, IReadOnlyList<string> passages, CancellationToken ct = default)
    {
        var history = new ChatHistory("Answer strictly from the supplied passages. Say \"I don't know\" otherwise.");
        for (var i = 0; i < passages.Count; i++)
            history.AddSystemMessage($"[{i + 1}] {passages[i]}");
        history.AddUserMessage(question);

        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.1, ["max_tokens"] = 600 },
        };

        var o = options.Value;
        var attempt = 0;
        ChatMessageContent? answer = null;
        do
        {
            attempt++;
            try
            {
                answer = await chat.GetChatMessageContentAsync(history, settings, kernel, ct);
            }
            catch (HttpOperationException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests
                                                        or HttpStatusCode.Unauthorized
                                                        or HttpStatusCode.BadGateway
                                                        or HttpStatusCode.ServiceUnavailable)
            {
                // 401s show up for a few seconds after Key Vault rotates the gateway key, so treat them like throttling
                if (attempt >= o.MaxAttempts)
                    throw;

                var backoff = o.BaseDelay * Math.Pow(2, attempt) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
                logger.LogWarning("KB answer attempt {Attempt} got {Status}; retrying in {Backoff}", attempt, ex.StatusCode, backoff);
                await Task.Delay(backoff, ct);
            }
        } while (answer is null);

        logger.LogInformation("Answered in {Attempts} attempt(s) using {PassageCount} passages", attempt, passages.Count);
        return answer.Content ?? string.Empty;
    }
}
