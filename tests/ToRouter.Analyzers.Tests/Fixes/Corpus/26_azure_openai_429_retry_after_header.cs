// lang: latest
// expect: flagged
// shape: bounded for loop around an Azure.AI.OpenAI ChatClient; catch (ClientResultException) when Status == 429 honours the Retry-After header (fallback: jittered exponential) but never checks the body for a sticky quota code.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N26;

public class PolicyDocumentQa
{
    private const int MaxAttempts = 5;
    private readonly ChatClient _chat;

    public PolicyDocumentQa(Uri endpoint, string apiKey, string deployment)
    {
        var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey));
        _chat = azure.GetChatClient(deployment);
    }

    public async Task<string> AnswerAsync(string question, string context, CancellationToken ct)
    {
        ChatMessage[] messages =
        {
            new SystemChatMessage("Answer only from the provided policy text. Say 'not covered' otherwise."),
            new UserChatMessage($"Policy:\n{context}\n\nQuestion: {question}"),
        };

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                ClientResult<ChatCompletion> completion = await _chat.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Value.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 429 && attempt < MaxAttempts)
            {
                TimeSpan wait = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));

                PipelineResponse raw = ex.GetRawResponse();
                if (raw is not null
                    && raw.Headers.TryGetValue("Retry-After", out string retryAfter)
                    && int.TryParse(retryAfter, out int seconds))
                {
                    wait = TimeSpan.FromSeconds(seconds);
                }

                Console.WriteLine($"Azure OpenAI throttled the request; waiting {wait.TotalSeconds:0.0}s");
                await Task.Delay(wait, ct);
            }
        }

        throw new InvalidOperationException("Azure OpenAI did not answer.");
    }
}
