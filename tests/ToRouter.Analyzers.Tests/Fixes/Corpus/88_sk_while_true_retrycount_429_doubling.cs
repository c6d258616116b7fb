// lang: latest
// expect: flagged
// shape: while (true) around IChatCompletionService.GetChatMessageContentAsync; catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests) does retryCount++, rethrows once retryCount >= maxRetries, and otherwise waits Task.Delay(delay) then delay *= 2 with no jitter and no sticky-quota check.
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N88;

public class TicketTriageAgent
{
    private readonly IChatCompletionService _chat;
    private readonly int _maxRetries;

    public TicketTriageAgent(IChatCompletionService chat, int maxRetries = 5)
    {
        _chat = chat;
        _maxRetries = maxRetries;
    }

    public async Task<string> TriageAsync(string ticketText, CancellationToken cancellationToken = default)
    {
        var history = new ChatHistory("Classify the support ticket as billing, bug, feature-request or other. Answer with one word.");
        history.AddUserMessage(ticketText);

        int retryCount = 0;
        var delay = TimeSpan.FromSeconds(1);

        while (true)
        {
            try
            {
                ChatMessageContent reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: cancellationToken);
                return reply.Content?.Trim().ToLowerInvariant() ?? "other";
            }
            catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryCount++;
                if (retryCount >= _maxRetries)
                {
                    throw;
                }

                Console.WriteLine($"Throttled by the model endpoint, retry {retryCount} in {delay.TotalSeconds}s");
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }
}
