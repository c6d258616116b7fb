// lang: latest
// expect: quiet
// shape: Semantic Kernel travel agent runs a manual function-calling loop (autoInvoke: false) bounded by IOptions roundtrips; each tool failure is caught per call and fed back to the model as a result, and the loop ends when the model answers without tool calls, so nothing is retried.
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N273;

public sealed class TravelAgentOptions
{
    public int MaxToolRoundtrips { get; set; } = 5;
}

public sealed class TravelAgent(
    Kernel kernel,
    IChatCompletionService chat,
    IOptions<TravelAgentOptions> options,
    ILogger<TravelAgent> logger)
{
    public async Task<string> ReplyAsync(ChatHistory history, CancellationToken ct)
    {
        var settings = new PromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false),
        };

        var toolCalls = 0;
        for (var roundtrip = 0; roundtrip < options.Value.MaxToolRoundtrips; roundtrip++)
        {
            ChatMessageContent reply = await chat.GetChatMessageContentAsync(history, settings, kernel, ct);
            history.Add(reply);

            var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
            if (calls.Count == 0)
            {
                logger.LogInformation("Agent answered after {Roundtrips} roundtrips and {ToolCalls} tool calls", roundtrip, toolCalls);
                return reply.Content ?? string.Empty;
            }

            foreach (var call in calls)
            {
                toolCalls++;
                try
                {
                    FunctionResultContent result = await call.InvokeAsync(kernel, ct);
                    history.Add(result.ToChatMessage());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // let the model see the failure and decide (ask the user, pick another date, ...)
                    logger.LogWarning(ex, "Tool {Plugin}.{Function} failed", call.PluginName, call.FunctionName);
                    history.Add(new FunctionResultContent(call, $"Error: {ex.Message}").ToChatMessage());
                }
            }
        }

        throw new InvalidOperationException($"Agent did not finish within {options.Value.MaxToolRoundtrips} tool roundtrips.");
    }
}
