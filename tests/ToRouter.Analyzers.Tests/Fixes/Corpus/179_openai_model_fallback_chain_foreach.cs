// lang: latest
// expect: quiet
// shape: failover loop: foreach over a model fallback chain gets a ChatClient for the iteration variable from one OpenAIClient and moves on to the next model only on ClientResultException with Status 0, 408, 429 or >= 500 (4xx propagate at once); no waiting, each model tried once, AggregateException after the last model
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.N179;

public sealed class ModelFallbackChat
{
    private static readonly string[] ModelChain = ["gpt-4.1", "gpt-4o", "gpt-4o-mini"];

    private readonly OpenAIClient _openAi;
    private readonly ILogger<ModelFallbackChat> _logger;

    public ModelFallbackChat(OpenAIClient openAi, ILogger<ModelFallbackChat> logger)
    {
        _openAi = openAi;
        _logger = logger;
    }

    public async Task<(string Model, string Reply)> AskAsync(IReadOnlyList<ChatMessage> conversation, CancellationToken ct)
    {
        var errors = new List<Exception>();

        foreach (var model in ModelChain)
        {
            ChatClient chat = _openAi.GetChatClient(model);
            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(conversation, cancellationToken: ct);
                return (model, completion.Content[0].Text);
            }
            catch (ClientResultException ex) when (ex.Status is 0 or 408 or 429 or >= 500)
            {
                _logger.LogWarning("Model {Model} unavailable ({Status}); falling back", model, ex.Status);
                errors.Add(ex);
            }
        }

        throw new AggregateException("Every model in the fallback chain failed.", errors);
    }
}
