// lang: latest
// expect: quiet
// shape: agent tool-calling loop bounded by MaxSteps that calls the model again after every successful completion whose finish reason is ToolCalls (appending tool results to the conversation), plus an Interlocked.CompareExchange spin that adds the token usage to a shared budget; no failure is ever retried.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N85;

public interface IOrderLookup
{
    Task<string> GetOrderStatusAsync(string orderId, CancellationToken ct);
}

public sealed class OrderSupportAgent
{
    private const int MaxSteps = 6;
    private static long s_tokensUsedToday;

    private readonly ChatClient _chat;
    private readonly IOrderLookup _orders;
    private readonly ChatCompletionOptions _options;

    public OrderSupportAgent(ChatClient chat, IOrderLookup orders)
    {
        _chat = chat;
        _orders = orders;
        _options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool(
                    "get_order_status",
                    "Look up the shipping status of an order.",
                    BinaryData.FromString("{\"type\":\"object\",\"properties\":{\"orderId\":{\"type\":\"string\"}},\"required\":[\"orderId\"]}")),
            },
        };
    }

    public static long TokensUsedToday => Interlocked.Read(ref s_tokensUsedToday);

    public async Task<string> HandleAsync(string customerMessage, CancellationToken ct)
    {
        var conversation = new List<ChatMessage>
        {
            new SystemChatMessage("You are a support agent for an online store. Use tools to look up orders."),
            new UserChatMessage(customerMessage),
        };

        for (int step = 0; step < MaxSteps; step++)
        {
            ChatCompletion completion = await _chat.CompleteChatAsync(conversation, _options, ct);
            AddUsage(completion.Usage?.TotalTokenCount ?? 0);

            if (completion.FinishReason != ChatFinishReason.ToolCalls)
            {
                return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
            }

            conversation.Add(new AssistantChatMessage(completion));
            foreach (ChatToolCall call in completion.ToolCalls)
            {
                string orderId = ExtractOrderId(call.FunctionArguments.ToString());
                string status = await _orders.GetOrderStatusAsync(orderId, ct);
                conversation.Add(new ToolChatMessage(call.Id, status));
            }
        }

        return "I'm handing this conversation to a human colleague.";
    }

    private static void AddUsage(long tokens)
    {
        long seen;
        long updated;
        do
        {
            seen = Interlocked.Read(ref s_tokensUsedToday);
            updated = seen + tokens;
        }
        while (Interlocked.CompareExchange(ref s_tokensUsedToday, updated, seen) != seen);
    }

    private static string ExtractOrderId(string argumentsJson)
    {
        const string key = "\"orderId\":\"";
        int start = argumentsJson.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += key.Length;
        int end = argumentsJson.IndexOf('"', start);
        return end > start ? argumentsJson.Substring(start, end - start) : string.Empty;
    }
}
