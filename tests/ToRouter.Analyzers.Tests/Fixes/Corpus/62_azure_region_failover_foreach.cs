// lang: latest
// expect: quiet
// shape: foreach failover over Azure OpenAI regional deployments, building a ChatClient from the iteration variable and moving to the next region only on 429, 5xx or no response (Status 0); throws an AggregateException with every regional failure when all regions fail.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Corpus.N62;

public sealed class RegionalDeployment
{
    public RegionalDeployment(string region, Uri endpoint, string apiKey, string deployment)
    {
        Region = region;
        Endpoint = endpoint;
        ApiKey = apiKey;
        Deployment = deployment;
    }

    public string Region { get; }
    public Uri Endpoint { get; }
    public string ApiKey { get; }
    public string Deployment { get; }
}

public sealed class MultiRegionChat
{
    private readonly IReadOnlyList<RegionalDeployment> _regions;

    public MultiRegionChat(IReadOnlyList<RegionalDeployment> regions)
    {
        _regions = regions;
    }

    public async Task<string> CompleteAsync(IEnumerable<ChatMessage> messages, CancellationToken ct)
    {
        var failures = new List<Exception>();

        foreach (RegionalDeployment region in _regions)
        {
            var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 1) };
            ChatClient chat = new AzureOpenAIClient(region.Endpoint, new ApiKeyCredential(region.ApiKey), options)
                .GetChatClient(region.Deployment);

            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
                return completion.Content[0].Text;
            }
            catch (ClientResultException ex) when (ex.Status == 0 || ex.Status == 429 || ex.Status >= 500)
            {
                // This region is throttled or degraded; its quota is separate, so the next region can serve the call.
                Console.WriteLine($"region {region.Region} unavailable ({ex.Status}), failing over");
                failures.Add(ex);
            }
        }

        throw new AggregateException("All Azure OpenAI regions failed.", failures);
    }
}
