// lang: latest
// expect: quiet
// shape: Action-item extractor re-prompts with a structured-output schema when the JSON fails validation, appending the bad answer and a correction message each round (the request changes), bounded by IOptions; gateway errors are not caught and propagate.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;

namespace Corpus.N270;

public sealed class ExtractorOptions
{
    public int MaxCorrectionRounds { get; set; } = 3;
}

public sealed record ActionItem(string Owner, string Task, string? Due);

public sealed record MeetingActionItems(IReadOnlyList<ActionItem> Items);

public sealed class ActionItemExtractor(ChatClient chat, IOptions<ExtractorOptions> options, ILogger<ActionItemExtractor> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ChatCompletionOptions CompletionOptions = new()
    {
        ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
            "meeting_action_items",
            BinaryData.FromString("""
                {"type":"object","properties":{"items":{"type":"array","items":{"type":"object",
                 "properties":{"owner":{"type":"string"},"task":{"type":"string"},"due":{"type":["string","null"]}},
                 "required":["owner","task","due"],"additionalProperties":false}}},
                 "required":["items"],"additionalProperties":false}
                """),
            jsonSchemaIsStrict: true),
    };

    public async Task<MeetingActionItems> ExtractAsync(string transcript, IReadOnlySet<string> attendees, CancellationToken ct)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("List every action item. Owner must be one of: " + string.Join(", ", attendees)),
            new UserChatMessage(transcript),
        };

        for (var round = 1; round <= options.Value.MaxCorrectionRounds; round++)
        {
            ChatCompletion completion = await chat.CompleteChatAsync(messages, CompletionOptions, ct);
            if (completion.Refusal is { Length: > 0 } refusal)
                throw new InvalidOperationException($"Model refused to extract action items: {refusal}");

            var json = completion.Content[0].Text;
            string? problem;
            try
            {
                var parsed = JsonSerializer.Deserialize<MeetingActionItems>(json, Json);
                problem = Validate(parsed, attendees);
                if (problem is null)
                    return parsed!;
            }
            catch (JsonException ex)
            {
                problem = $"the JSON did not parse ({ex.Message})";
            }

            logger.LogInformation("Round {Round}: action items rejected because {Problem}", round, problem);
            messages.Add(new AssistantChatMessage(json));
            messages.Add(new UserChatMessage($"That output is invalid: {problem}. Return the corrected JSON only."));
        }

        throw new InvalidOperationException($"No valid action items after {options.Value.MaxCorrectionRounds} rounds.");
    }

    private static string? Validate(MeetingActionItems? result, IReadOnlySet<string> attendees) => result switch
    {
        null => "the result was null",
        { Items: null } => "items is missing",
        { Items: var items } when items.FirstOrDefault(i => !attendees.Contains(i.Owner)) is { } bad
            => $"owner '{bad.Owner}' is not an attendee",
        { Items: var items } when items.Any(i => string.IsNullOrWhiteSpace(i.Task)) => "an item has an empty task",
        _ => null,
    };
}
