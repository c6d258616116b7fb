// lang: latest
// expect: flagged
// shape: do-while bounded by attempt < maxAttempts around IChatCompletionService.GetChatMessageContentAsync, catching HttpOperationException when StatusCode == TooManyRequests with a linear attempt * 1500 ms wait, returning null when attempts run out.
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N08;

public class IntentClassifier
{
    private readonly IChatCompletionService _chat;

    public IntentClassifier(IChatCompletionService chat)
    {
        _chat = chat;
    }

    public async Task<string> ClassifyAsync(string utterance, CancellationToken cancellationToken)
    {
        var history = new ChatHistory();
        history.AddSystemMessage("Classify the user's intent as one of: billing, bug, feature, other. Reply with the label only.");
        history.AddUserMessage(utterance);

        const int maxAttempts = 5;
        int attempt = 0;

        do
        {
            try
            {
                var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: cancellationToken);
                return reply.Content?.Trim().ToLowerInvariant();
            }
            catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
            {
                attempt++;
                Console.WriteLine($"Throttled by model endpoint ({attempt}/{maxAttempts}).");
                await Task.Delay(attempt * 1500, cancellationToken);
            }
        }
        while (attempt < maxAttempts);

        return null;
    }
}
