// lang: latest
// expect: flagged
// shape: for loop around ChatClient.CompleteChatAsync with catch (Exception) that records lastException, waits a constant Task.Delay(2000) and throws a wrapping Exception after the loop.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N01;

public sealed class TicketSummarizer
{
    private const int MaxAttempts = 3;
    private readonly ChatClient _chat;

    public TicketSummarizer(ChatClient chat)
    {
        _chat = chat;
    }

    public async Task<string> SummarizeAsync(string ticketBody, CancellationToken cancellationToken = default)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("Summarize the support ticket in two sentences for an on-call engineer."),
            new UserChatMessage(ticketBody),
        };

        Exception lastException = null;

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                return completion.Content[0].Text.Trim();
            }
            catch (Exception ex)
            {
                lastException = ex;
                Console.WriteLine($"[summarizer] attempt {attempt}/{MaxAttempts} failed: {ex.Message}");
                await Task.Delay(2000, cancellationToken);
            }
        }

        throw new Exception($"Failed to summarize ticket after {MaxAttempts} attempts", lastException);
    }
}
