// lang: latest
// expect: quiet
// shape: loop that changes the request before re-sending: an Azure.AI.OpenAI ChatClient call whose catch (ClientResultException ex) when the 400 body carries "content_filter" replaces the user prompt with the next, more conservative rewrite from a fixed list of sanitizers; any other failure, and a filter hit on the last rewrite, propagates
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N144;

public sealed class MedicalLeafletSimplifier
{
    private static readonly Func<string, string>[] Sanitizers =
    {
        text => Regex.Replace(text, @"\b(overdose|lethal|suicid\w*)\b", "[redacted]", RegexOptions.IgnoreCase),
        text => "Rewrite the following leaflet in plain language for patients. Omit dosage limits.\n\n" + text,
        text => text.Length > 4000 ? text[..4000] : text,
    };

    private readonly ChatClient _chat;

    public MedicalLeafletSimplifier(AzureOpenAIClient azure, string deployment)
        => _chat = azure.GetChatClient(deployment);

    public async Task<string> SimplifyAsync(string leaflet, CancellationToken ct = default)
    {
        var prompt = leaflet;

        for (var pass = 0; ; pass++)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("You simplify medicine leaflets to an 8th-grade reading level."),
                new UserChatMessage(prompt),
            };

            try
            {
                ChatCompletion result = await _chat.CompleteChatAsync(messages, cancellationToken: ct);
                return result.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 400 && IsContentFilter(ex) && pass < Sanitizers.Length)
            {
                prompt = Sanitizers[pass](prompt);
            }
        }
    }

    private static bool IsContentFilter(ClientResultException ex)
    {
        var body = ex.GetRawResponse()?.Content?.ToString() ?? string.Empty;
        return body.Contains("content_filter", StringComparison.OrdinalIgnoreCase);
    }
}
