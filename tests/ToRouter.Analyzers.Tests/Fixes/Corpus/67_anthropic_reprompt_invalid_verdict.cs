// lang: latest
// expect: quiet
// shape: bounded for loop over conversation turns that re-prompts Claude when its reply does not start with an allowed verdict: the bad reply and a correction are appended to the message list before asking again; API exceptions are not caught.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;

namespace Corpus.N67;

public enum Verdict
{
    Approve,
    RequestChanges,
    Escalate,
}

public sealed class PullRequestJudge
{
    private const int MaxTurns = 3;
    private readonly AnthropicClient _client;

    public PullRequestJudge(AnthropicClient client) => _client = client;

    public async Task<Verdict> JudgeAsync(string prDescription, string diff, CancellationToken ct)
    {
        var conversation = new List<MessageParam>
        {
            new UserMessageParam($"PR description:\n{prDescription}\n\nDiff:\n{diff}\n\nAnswer with APPROVE, REQUEST_CHANGES or ESCALATE on the first line, then one sentence of reasoning."),
        };

        for (int turn = 1; turn <= MaxTurns; turn++)
        {
            Message reply = await _client.Messages.Create(new MessageCreateParams
            {
                Model = Model.ClaudeSonnet4_6,
                MaxTokens = 300,
                Messages = conversation,
            }, ct);

            string text = Flatten(reply);
            if (TryParseVerdict(text, out Verdict verdict))
            {
                return verdict;
            }

            // Model drifted from the format: show it what it said and ask again with a stricter instruction.
            conversation.Add(new AssistantMessageParam(text));
            conversation.Add(new UserMessageParam("Your first line must be exactly one of APPROVE, REQUEST_CHANGES, ESCALATE. Try again."));
        }

        return Verdict.Escalate;
    }

    private static string Flatten(Message message)
    {
        var sb = new StringBuilder();
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out TextBlock text))
            {
                sb.Append(text.Text);
            }
        }

        return sb.ToString();
    }

    private static bool TryParseVerdict(string text, out Verdict verdict)
    {
        string firstLine = text.Split('\n', 2)[0].Trim().ToUpperInvariant();
        switch (firstLine)
        {
            case "APPROVE":
                verdict = Verdict.Approve;
                return true;
            case "REQUEST_CHANGES":
                verdict = Verdict.RequestChanges;
                return true;
            case "ESCALATE":
                verdict = Verdict.Escalate;
                return true;
            default:
                verdict = default;
                return false;
        }
    }
}
