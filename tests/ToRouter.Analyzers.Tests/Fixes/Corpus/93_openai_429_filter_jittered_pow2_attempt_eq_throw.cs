// lang: latest
// expect: flagged
// shape: for loop around ChatClient.CompleteChatAsync with catch (ClientResultException ex) when (ex.Status == 429) that rethrows when attempt == maxRetries and otherwise waits 2^attempt s plus Random.Shared.Next(0, 1000) ms of jitter; the 429 body is never checked for a sticky quota code.
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N93;

public class SupportEmailResponder
{
    private readonly ChatClient _client;
    private readonly int _maxRetries = 5;

    public SupportEmailResponder(ChatClient client)
    {
        _client = client;
    }

    public async Task<string> DraftReplyAsync(string incomingEmail, CancellationToken cancellationToken = default)
    {
        ChatMessage[] messages =
        {
            new SystemChatMessage("Draft a polite, concise reply to the email. Do not invent facts."),
            new UserChatMessage(incomingEmail),
        };
        var options = new ChatCompletionOptions { Temperature = 0.4f, MaxOutputTokenCount = 400 };

        for (int attempt = 0; ; attempt++)
        {
            try
            {
                ChatCompletion completion = (await _client.CompleteChatAsync(messages, options, cancellationToken)).Value;
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429)
            {
                if (attempt == _maxRetries)
                {
                    throw;
                }

                var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));
                Console.WriteLine($"Rate limited, retrying in {backoff.TotalMilliseconds:0} ms...");
                await Task.Delay(backoff, cancellationToken);
            }
        }
    }
}
