// lang: latest
// expect: flagged
// shape: synchronous while (!success) loop with a success flag around an Azure.AI.OpenAI ChatClient.CompleteChat; catch (ClientResultException ex) when (ex.Status == 429) increments attempts (never tested) and Thread.Sleep(2000), so sticky 429s spin forever at a constant interval.
using System;
using System.ClientModel;
using System.Threading;
using Azure;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N112;

public class ReceiptCategorizer
{
    private readonly ChatClient _chat;

    public ReceiptCategorizer(Uri endpoint, string key, string deployment)
    {
        _chat = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(deployment);
    }

    public string Categorize(string receiptText)
    {
        bool success = false;
        int attempts = 0;
        ChatCompletion completion = null;

        while (!success)
        {
            try
            {
                completion = _chat.CompleteChat(
                    new SystemChatMessage("Categorize the expense: travel, meals, office, software or other."),
                    new UserChatMessage(receiptText));
                success = true;
            }
            catch (ClientResultException ex) when (ex.Status == 429)
            {
                attempts++;
                Console.WriteLine($"Rate limited (attempt {attempts}), sleeping 2 seconds");
                Thread.Sleep(2000);
            }
        }

        return completion.Content[0].Text.Trim();
    }
}
