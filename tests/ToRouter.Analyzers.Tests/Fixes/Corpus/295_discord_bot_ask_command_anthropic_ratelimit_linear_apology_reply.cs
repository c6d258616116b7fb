// lang: latest
// expect: flagged
// shape: a Discord-style `!ask` command handler retries Messages.Create on AnthropicRateLimitException (sticky quota 429s included) with a linearly growing delay and, when the budget runs out, just posts an apology instead of surfacing the failure.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;

namespace Corpus.N295;

public sealed record IncomingMessage(ulong ChannelId, ulong AuthorId, string AuthorName, string Content);

public interface IChannelGateway
{
    Task TriggerTypingAsync(ulong channelId, CancellationToken ct);
    Task SendAsync(ulong channelId, string text, CancellationToken ct);
}

public sealed class AskCommandHandler
{
    private const int MaxTries = 4;
    private readonly AnthropicClient _claude;
    private readonly IChannelGateway _gateway;
    private readonly ILogger<AskCommandHandler> _log;
    private readonly ConcurrentDictionary<ulong, List<MessageParam>> _history = new();

    public AskCommandHandler(AnthropicClient claude, IChannelGateway gateway, ILogger<AskCommandHandler> log)
        => (_claude, _gateway, _log) = (claude, gateway, log);

    public async Task HandleAsync(IncomingMessage msg, CancellationToken ct)
    {
        if (!msg.Content.StartsWith("!ask ", StringComparison.OrdinalIgnoreCase))
            return;

        var question = msg.Content.Substring(5).Trim();
        var turns = _history.GetOrAdd(msg.ChannelId, _ => new List<MessageParam>());
        turns.Add(new UserMessageParam { Content = $"{msg.AuthorName}: {question}" });
        if (turns.Count > 20) turns.RemoveRange(0, turns.Count - 20);

        await _gateway.TriggerTypingAsync(msg.ChannelId, ct);

        int tries = 0;
        while (tries < MaxTries)
        {
            try
            {
                var reply = await _claude.Messages.Create(new MessageCreateParams
                {
                    Model = Model.ClaudeHaiku4_5,
                    MaxTokens = 800,
                    System = "You are a friendly helper in a Discord server. Keep answers under 1500 characters.",
                    Messages = turns.ToList()
                }, ct);

                var text = string.Concat(reply.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
                turns.Add(new AssistantMessageParam { Content = text });
                await _gateway.SendAsync(msg.ChannelId, text, ct);
                return;
            }
            catch (AnthropicRateLimitException ex)
            {
                tries++;
                _log.LogWarning("Rate limited in channel {Channel} (try {Try}/{Max}): {Message}", msg.ChannelId, tries, MaxTries, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5 * tries), ct);
            }
        }

        await _gateway.SendAsync(msg.ChannelId, "Sorry, I'm a bit overloaded right now. Try again in a minute 🙏", ct);
    }
}
