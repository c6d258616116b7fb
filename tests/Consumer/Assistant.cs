using System.ClientModel;
using OpenAI.Chat;

namespace Consumer;

/// <summary>Calls the gateway through the OpenAI .NET SDK.</summary>
public sealed class Assistant
{
    private const int MaxAttempts = 4;
    private readonly ChatClient _chat;

    public Assistant(ChatClient chat) => _chat = chat;

    // Retries every failed status the SDK throws (401 and 404 too) after a fixed wait, and returns "" at the end.
    public string Summarize(string text)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                ChatCompletion completion = _chat.CompleteChat(new UserChatMessage("Summarize in one sentence: " + text));
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex)
            {
                Console.Error.WriteLine($"Summarize attempt {attempt + 1} failed with HTTP {ex.Status}");
                Thread.Sleep(2000);
            }
        }

        return string.Empty;
    }

    // Retries every 429, including API_KEY_QUOTA_EXHAUSTED / USAGE_LIMIT_EXCEEDED / insufficient_quota.
    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, cancellationToken: cancellationToken);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts)
            {
                var delay = TimeSpan.FromMilliseconds(1000 * Math.Pow(2, attempt) + Random.Shared.Next(0, 1000));
                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}
