// lang: latest
// expect: flagged
// shape: bounded for loop that catches Exception only when ex.Message contains "429" or "rate limit" (string sniffing on the SDK message), waits Math.Pow(2, i) seconds without jitter, and treats every rate-limit message the same, including sticky quota ones.
using System;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N70;

public class EmailReplyDrafter
{
    private readonly ChatClient _chatClient;

    public EmailReplyDrafter(ChatClient chatClient)
    {
        _chatClient = chatClient;
    }

    public async Task<string> DraftReplyAsync(string incomingEmail, string tone, CancellationToken token = default)
    {
        const int maxRetries = 5;

        for (int i = 0; i < maxRetries; i++)
        {
            try
            {
                var completion = await _chatClient.CompleteChatAsync(
                    new ChatMessage[]
                    {
                        new SystemChatMessage($"Draft a reply in a {tone} tone. Do not invent facts."),
                        new UserChatMessage(incomingEmail),
                    },
                    cancellationToken: token);

                return completion.Value.Content[0].Text;
            }
            catch (Exception ex) when (
                i < maxRetries - 1 &&
                (ex.Message.Contains("429") || ex.Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase)))
            {
                var wait = TimeSpan.FromSeconds(Math.Pow(2, i));
                Console.WriteLine($"Rate limit hit, waiting {wait.TotalSeconds}s before retry {i + 1}");
                await Task.Delay(wait, token);
            }
        }

        throw new InvalidOperationException("Exceeded retries while drafting reply.");
    }
}
