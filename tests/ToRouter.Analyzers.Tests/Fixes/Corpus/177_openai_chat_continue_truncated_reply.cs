// lang: latest
// expect: quiet
// shape: continuation loop, not a retry: for (part <= MaxContinuations) calls ChatClient.CompleteChatAsync, appends the text, returns when FinishReason is not Length, and otherwise appends the partial reply as an AssistantChatMessage plus a "continue" user turn before calling again (the request changes every round, every call succeeded); API errors are not caught
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N177;

public class LongFormWriter(ChatClient chat, ILogger<LongFormWriter> logger)
{
    private const int MaxContinuations = 4;

    public async Task<string> WriteArticleAsync(string outline, CancellationToken ct = default)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("You write long technical articles in markdown."),
            new UserChatMessage($"Write the full article for this outline:\n{outline}"),
        };
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 4096 };
        var article = new StringBuilder();

        for (var part = 0; part <= MaxContinuations; part++)
        {
            ChatCompletion completion = await chat.CompleteChatAsync(messages, options, ct);
            var text = completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
            article.Append(text);

            if (completion.FinishReason != ChatFinishReason.Length)
            {
                return article.ToString();
            }

            logger.LogDebug("Article hit the output limit after part {Part}; asking the model to continue", part + 1);
            messages.Add(new AssistantChatMessage(text));
            messages.Add(new UserChatMessage("Continue exactly where you stopped. Do not repeat anything."));
        }

        logger.LogWarning("Article still truncated after {Parts} parts; returning what we have", MaxContinuations + 1);
        return article.ToString();
    }
}
