// lang: latest
// expect: flagged
// shape: Chat session class that builds its send delegate in the constructor as an async lambda whose while (true) loop catches every Exception from IChatCompletionService, counts failures in a property and waits a fixed 2 s before trying again, with no attempt limit.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N238
{
    public class SupportChatSession
    {
        private readonly Func<ChatHistory, CancellationToken, Task<string>> _send;
        private readonly ChatHistory _history;

        public int FailedCalls { get; private set; }

        public SupportChatSession(IChatCompletionService chat, Kernel kernel, ILogger<SupportChatSession> logger)
        {
            _history = new ChatHistory("You are the support assistant for Contoso Bikes. Be brief.");

            _send = async (history, ct) =>
            {
                while (true)
                {
                    try
                    {
                        var reply = await chat.GetChatMessageContentAsync(history, kernel: kernel, cancellationToken: ct);
                        return reply.Content ?? string.Empty;
                    }
                    catch (Exception ex)
                    {
                        FailedCalls++;
                        logger.LogError(ex, "Chat completion failed ({Count} failures so far), retrying in 2s", FailedCalls);
                        await Task.Delay(2000, ct);
                    }
                }
            };
        }

        public async Task<string> AskAsync(string userText, CancellationToken ct = default)
        {
            _history.AddUserMessage(userText);
            var answer = await _send(_history, ct);
            _history.AddAssistantMessage(answer);
            return answer;
        }

        public void Reset() => _history.RemoveRange(1, _history.Count - 1);
    }
}
