// lang: latest
// expect: flagged
// shape: retry loop inside an async lambda stored in a Func<string, Task<string>> field: for (var i = 0; ; i++) with catch (ClientResultException) when (i < 4), a filter that bounds but does not narrow the status, and a constant 1 s delay.
using System;
using System.ClientModel;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N43;

public sealed class GlossaryTranslator
{
    private readonly Func<string, Task<string>> _translate;

    public GlossaryTranslator(ChatClient chat, string targetLanguage)
    {
        _translate = async term =>
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    var completion = await chat.CompleteChatAsync(
                        new SystemChatMessage($"Translate the glossary term into {targetLanguage}. Reply with the term only."),
                        new UserChatMessage(term));
                    return completion.Value.Content[0].Text.Trim();
                }
                catch (ClientResultException) when (i < 4)
                {
                    await Task.Delay(1000);
                }
            }
        };
    }

    public Task<string> TranslateTermAsync(string term) => _translate(term);
}
