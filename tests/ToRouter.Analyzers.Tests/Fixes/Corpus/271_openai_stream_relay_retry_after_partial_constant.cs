// lang: latest
// expect: flagged
// shape: SSE relay endpoint service re-runs CompleteChatStreamingAsync on ClientResultException 429/503 with a constant IOptions delay and no sticky-code check, even after chunks were already written to the client's response body.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;

namespace Corpus.N271;

public sealed class ChatStreamRelayOptions
{
    public int MaxRetries { get; set; } = 2;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class ChatStreamRelay(ChatClient chat, IOptions<ChatStreamRelayOptions> options, ILogger<ChatStreamRelay> logger)
{
    /// <summary>Called from the /api/chat/stream endpoint with HttpContext.Response.Body.</summary>
    public async Task RelayAsync(IReadOnlyList<ChatMessage> conversation, Stream responseBody, CancellationToken ct)
    {
        await using var writer = new StreamWriter(responseBody, new UTF8Encoding(false), leaveOpen: true);
        var settings = options.Value;
        var retries = 0;
        var chunks = 0;

        while (true)
        {
            try
            {
                await foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreamingAsync(conversation, cancellationToken: ct))
                {
                    foreach (var part in update.ContentUpdate)
                    {
                        await writer.WriteAsync($"data: {JsonSerializer.Serialize(new { delta = part.Text })}\n\n");
                        chunks++;
                    }

                    await writer.FlushAsync(ct);
                }

                await writer.WriteAsync("data: [DONE]\n\n");
                await writer.FlushAsync(ct);
                logger.LogInformation("Relayed {Chunks} chunks after {Retries} retries", chunks, retries);
                return;
            }
            catch (ClientResultException ex) when (ex.Status is 429 or 503 && retries < settings.MaxRetries)
            {
                retries++;
                logger.LogWarning("Upstream stream failed with {Status} after {Chunks} chunks; retry {Retry}/{Max}",
                    ex.Status, chunks, retries, settings.MaxRetries);
                await Task.Delay(settings.RetryDelay, ct);
            }
        }
    }
}
