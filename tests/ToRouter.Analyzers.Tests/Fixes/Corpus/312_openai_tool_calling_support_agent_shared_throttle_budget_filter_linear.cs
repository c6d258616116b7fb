// lang: latest
// expect: flagged
// shape: OpenAI tool-calling support agent wraps each CompleteChatAsync turn in a while(true) retry whose filter `ex.Status == 429 && throttleRetries++ < 5` shares one budget across turns and waits a linear 2 s x retries; sticky quota 429s are retried and the delay grows only linearly.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N312;

public interface IOrderLookup
{
    Task<string> GetOrderStatusJsonAsync(string orderId, CancellationToken ct);
    Task<string> GetRefundPolicyAsync(string region, CancellationToken ct);
}

public sealed class SupportAgent(ChatClient chat, IOrderLookup orders, ILogger<SupportAgent> logger)
{
    private const int MaxTurns = 8;

    private static readonly ChatTool OrderStatusTool = ChatTool.CreateFunctionTool(
        functionName: "get_order_status",
        functionDescription: "Look up the shipping status of an order by its id.",
        functionParameters: BinaryData.FromString("""{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}"""));

    private static readonly ChatTool RefundPolicyTool = ChatTool.CreateFunctionTool(
        functionName: "get_refund_policy",
        functionDescription: "Return the refund policy text for a sales region (EU, US, UK).",
        functionParameters: BinaryData.FromString("""{"type":"object","properties":{"region":{"type":"string"}},"required":["region"]}"""));

    public async Task<string> AnswerAsync(string customerQuestion, CancellationToken ct)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage("You are a support agent for Contoso. Use the tools; never invent order data."),
            new UserChatMessage(customerQuestion),
        ];
        var options = new ChatCompletionOptions { Tools = { OrderStatusTool, RefundPolicyTool } };
        var throttleRetries = 0;

        for (var turn = 0; turn < MaxTurns; turn++)
        {
            ChatCompletion completion;
            while (true)
            {
                try
                {
                    completion = await chat.CompleteChatAsync(messages, options, ct);
                    break;
                }
                catch (ClientResultException ex) when (ex.Status == 429 && throttleRetries++ < 5)
                {
                    logger.LogWarning("Agent turn {Turn} throttled, retry #{Retry}", turn, throttleRetries);
                    await Task.Delay(TimeSpan.FromSeconds(2 * throttleRetries), ct);
                }
            }

            if (completion.FinishReason != ChatFinishReason.ToolCalls)
                return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;

            messages.Add(new AssistantChatMessage(completion));
            foreach (var call in completion.ToolCalls)
            {
                using var args = JsonDocument.Parse(call.FunctionArguments);
                string toolResult = call.FunctionName switch
                {
                    "get_order_status" => await orders.GetOrderStatusJsonAsync(args.RootElement.GetProperty("orderId").GetString()!, ct),
                    "get_refund_policy" => await orders.GetRefundPolicyAsync(args.RootElement.GetProperty("region").GetString()!, ct),
                    _ => $$"""{"error":"unknown tool {{call.FunctionName}}"}""",
                };
                logger.LogDebug("Tool {Tool} -> {Length} chars", call.FunctionName, toolResult.Length);
                messages.Add(new ToolChatMessage(call.Id, toolResult));
            }
        }

        throw new InvalidOperationException($"Agent did not reach an answer within {MaxTurns} turns.");
    }
}
