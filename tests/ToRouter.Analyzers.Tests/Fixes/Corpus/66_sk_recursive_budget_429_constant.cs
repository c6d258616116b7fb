// lang: latest
// expect: flagged
// shape: Semantic Kernel recursive retry: catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && retriesLeft > 0) waits a constant 2 s and returns the same method called with retriesLeft - 1; the error body is never checked for a sticky quota code.
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N66;

public sealed class RecipeAssistant
{
    private readonly IChatCompletionService _chat;
    private readonly Kernel _kernel;

    public RecipeAssistant(IChatCompletionService chat, Kernel kernel)
    {
        _chat = chat;
        _kernel = kernel;
    }

    public Task<string> SuggestAsync(string pantry, CancellationToken ct)
    {
        var history = new ChatHistory("You are a home cook. Suggest one recipe using mostly these ingredients.");
        history.AddUserMessage(pantry);
        return AskAsync(history, retriesLeft: 3, ct);
    }

    private async Task<string> AskAsync(ChatHistory history, int retriesLeft, CancellationToken ct)
    {
        try
        {
            ChatMessageContent reply = await _chat.GetChatMessageContentAsync(history, kernel: _kernel, cancellationToken: ct);
            return reply.Content ?? string.Empty;
        }
        catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && retriesLeft > 0)
        {
            Console.WriteLine($"Rate limited ({ex.Message}); {retriesLeft} retries left");
            await Task.Delay(2000, ct);
            return await AskAsync(history, retriesLeft - 1, ct);
        }
    }
}
