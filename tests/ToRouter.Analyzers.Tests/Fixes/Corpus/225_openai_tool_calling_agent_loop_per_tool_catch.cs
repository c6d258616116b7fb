// lang: latest
// expect: quiet
// shape: Order-assistant agent loop keeps calling ChatClient while the model asks for tools, catching each failing tool call and feeding the error back as a ToolChatMessage, so every round sends a changed conversation and nothing is retried.
#nullable enable
using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N225
{
    public interface IOrderLookup
    {
        Task<string> GetOrderStatusAsync(string orderId, CancellationToken ct);
        Task<string> GetShippingEtaAsync(string orderId, CancellationToken ct);
    }

    public sealed class OrderAssistantAgent(ChatClient chat, IOrderLookup orders, ILogger<OrderAssistantAgent> logger)
    {
        private const int MaxToolRounds = 6;

        private static readonly ChatTool OrderStatusTool = ChatTool.CreateFunctionTool(
            "get_order_status", "Returns the status of an order.",
            BinaryData.FromString("""{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}"""));

        private static readonly ChatTool ShippingEtaTool = ChatTool.CreateFunctionTool(
            "get_shipping_eta", "Returns the expected delivery date of an order.",
            BinaryData.FromString("""{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}"""));

        public async Task<string> AskAsync(string customerQuestion, CancellationToken ct)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("You help customers with their orders. Use the tools; never invent order data."),
                new UserChatMessage(customerQuestion),
            };
            var options = new ChatCompletionOptions { Tools = { OrderStatusTool, ShippingEtaTool } };

            for (var round = 0; round < MaxToolRounds; round++)
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, options, ct);

                if (completion.FinishReason != ChatFinishReason.ToolCalls)
                    return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;

                messages.Add(new AssistantChatMessage(completion));

                foreach (ChatToolCall call in completion.ToolCalls)
                {
                    string result;
                    try
                    {
                        using var args = JsonDocument.Parse(call.FunctionArguments);
                        var orderId = args.RootElement.GetProperty("orderId").GetString() ?? "";
                        result = call.FunctionName switch
                        {
                            "get_order_status" => await orders.GetOrderStatusAsync(orderId, ct),
                            "get_shipping_eta" => await orders.GetShippingEtaAsync(orderId, ct),
                            _ => $"Unknown tool {call.FunctionName}",
                        };
                    }
                    catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                    {
                        logger.LogWarning(ex, "Tool {Tool} failed for call {CallId}", call.FunctionName, call.Id);
                        result = $"Tool error: {ex.Message}";
                    }

                    messages.Add(new ToolChatMessage(call.Id, result));
                }
            }

            throw new InvalidOperationException($"Agent did not finish within {MaxToolRounds} tool rounds.");
        }
    }
}
