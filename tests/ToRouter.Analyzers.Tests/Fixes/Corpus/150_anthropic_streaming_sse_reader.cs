// lang: latest
// expect: quiet
// shape: streaming reader, not a retry: one AnthropicClient.Messages.CreateStreaming call consumed with await foreach, forwarding each text delta to a ChannelWriter and recording the stop reason; a mid-stream AnthropicSseException or AnthropicIOException completes the channel with the error and is rethrown, nothing is re-sent
#nullable enable
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N150;

public sealed class ClaudeTokenPump(AnthropicClient client)
{
    public string? LastStopReason { get; private set; }

    public async Task<string> PumpAsync(string prompt, ChannelWriter<string> writer, CancellationToken ct)
    {
        var parameters = new MessageCreateParams
        {
            Model = Model.ClaudeHaiku5_5,
            MaxTokens = 4096,
            Messages = new List<MessageParam> { new UserMessageParam(prompt) },
        };

        var full = new StringBuilder();
        try
        {
            await foreach (RawMessageStreamEvent ev in client.Messages.CreateStreaming(parameters, ct))
            {
                if (ev.TryPickContentBlockDelta(out var blockDelta) && blockDelta.Delta.TryPickText(out var text))
                {
                    full.Append(text.Text);
                    await writer.WriteAsync(text.Text, ct);
                }
                else if (ev.TryPickDelta(out var messageDelta))
                {
                    LastStopReason = messageDelta.Delta.StopReason?.Raw();
                }
            }

            writer.TryComplete();
            return full.ToString();
        }
        catch (Exception ex) when (ex is AnthropicSseException or AnthropicIOException)
        {
            writer.TryComplete(ex);
            throw;
        }
    }
}
