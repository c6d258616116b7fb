// lang: latest
// expect: flagged
// shape: outer foreach over a batch of prompts with an inner bounded retry loop around CompleteChatAsync; catch (ClientResultException) when Status == 429 waits jittered exponential backoff without a sticky-quota check, and an item whose attempts all fail gets a "[unavailable]" placeholder instead of an error.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N59;

public sealed class FaqAnswerer
{
    private const int MaxAttemptsPerQuestion = 4;
    private readonly ChatClient _chat;
    private readonly Random _random = new Random();

    public FaqAnswerer(ChatClient chat)
    {
        _chat = chat;
    }

    public async Task<IReadOnlyDictionary<string, string>> AnswerAllAsync(IEnumerable<string> questions, string knowledgeBase, CancellationToken ct)
    {
        var answers = new Dictionary<string, string>();

        foreach (var question in questions)
        {
            string answer = null;

            for (int attempt = 0; attempt < MaxAttemptsPerQuestion; attempt++)
            {
                try
                {
                    ChatCompletion completion = await _chat.CompleteChatAsync(
                        new ChatMessage[]
                        {
                            new SystemChatMessage("Answer using only this knowledge base:\n" + knowledgeBase),
                            new UserChatMessage(question),
                        },
                        cancellationToken: ct);
                    answer = completion.Content[0].Text;
                    break;
                }
                catch (ClientResultException ex) when (ex.Status == 429)
                {
                    var delayMs = (int)(Math.Pow(2, attempt) * 1000) + _random.Next(0, 1000);
                    Console.WriteLine($"429 on '{question}', backing off {delayMs} ms");
                    await Task.Delay(delayMs, ct);
                }
            }

            answers[question] = answer ?? "[unavailable]";
        }

        return answers;
    }
}
