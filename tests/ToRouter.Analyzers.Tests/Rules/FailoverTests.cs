using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Rules
{
    /// <summary>
    /// SPEC §2: a foreach over keys, endpoints or clients whose attempt uses the iteration variable is a
    /// failover loop. It is bounded by the collection and moving on after a quota error is correct, so only
    /// TR0001 and TR0003 apply to it.
    /// </summary>
    public class FailoverTests
    {
        [Fact]
        public Task ForeachOverApiKeys_RotatesOnRateLimit_OpenAI_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public class KeyPoolChat
            {
                private readonly IReadOnlyList<string> _apiKeys;
                private readonly string _model;

                public KeyPoolChat(IReadOnlyList<string> apiKeys, string model)
                {
                    _apiKeys = apiKeys;
                    _model = model;
                }

                public async Task<string> CompleteAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    foreach (string key in _apiKeys)
                    {
                        var chat = new ChatClient(_model, new ApiKeyCredential(key));
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(messages, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status == 429)
                        {
                            Console.WriteLine("Key ending " + key.Substring(key.Length - 4) + " is rate limited or out of quota, trying the next key");
                        }
                    }

                    throw new InvalidOperationException("Every configured API key is rate limited or out of quota.");
                }
            }
            """);

        [Fact]
        public Task ForeachOverEndpoints_NetworkAndServerErrors_HttpClient_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class MultiRegionGateway
            {
                private static readonly string[] Endpoints =
                {
                    "https://eu.api.torouter.ai/v1/chat/completions",
                    "https://us.api.torouter.ai/v1/chat/completions",
                    "https://ap.api.torouter.ai/v1/chat/completions",
                };

                private readonly HttpClient _http;

                public MultiRegionGateway(HttpClient http) { _http = http; }

                public async Task<string> CompleteAsync(string json, CancellationToken ct)
                {
                    foreach (string endpoint in Endpoints)
                    {
                        HttpResponseMessage response;
                        try
                        {
                            response = await _http.PostAsync(endpoint, new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        }
                        catch (HttpRequestException ex)
                        {
                            Console.WriteLine(endpoint + " unreachable: " + ex.Message);
                            continue;
                        }

                        if ((int)response.StatusCode >= 500)
                            continue;

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }

                    throw new HttpRequestException("All regions failed.");
                }
            }
            """);

        [Fact]
        public Task ForeachOverChatServices_SemanticKernel_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class FallbackChat
            {
                private readonly IEnumerable<IChatCompletionService> _services;

                public FallbackChat(IEnumerable<IChatCompletionService> services) { _services = services; }

                public async Task<string> AskAsync(ChatHistory history, CancellationToken ct)
                {
                    foreach (IChatCompletionService service in _services)
                    {
                        try
                        {
                            var reply = await service.GetChatMessageContentAsync(history, cancellationToken: ct);
                            return reply.Content;
                        }
                        catch (HttpOperationException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests || ex.StatusCode >= HttpStatusCode.InternalServerError)
                        {
                            Console.WriteLine("Provider failed with " + ex.StatusCode + ", falling back");
                        }
                    }

                    throw new InvalidOperationException("No chat provider could answer.");
                }
            }
            """);

        [Fact]
        public Task ForeachOverAnthropicClients_RateLimit_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Exceptions;
            using Anthropic.Models.Messages;

            public class ClaudeFleet
            {
                private readonly List<AnthropicClient> _clients;

                public ClaudeFleet(List<AnthropicClient> clients) { _clients = clients; }

                public async Task<Message> SendAsync(MessageCreateParams request, CancellationToken ct)
                {
                    foreach (var client in _clients)
                    {
                        try
                        {
                            return await client.Messages.Create(request, ct);
                        }
                        catch (AnthropicRateLimitException ex)
                        {
                            Console.WriteLine("Workspace client rate limited (" + (ex.Type == null ? "?" : ex.Type.Raw()) + "), next client");
                        }
                        catch (AnthropicOverloadedException)
                        {
                        }
                    }

                    throw new InvalidOperationException("Every Anthropic workspace is rate limited or overloaded.");
                }
            }
            """);

        [Fact]
        public Task ForeachOverAzureDeployments_TransientStatuses_Quiet() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            public class DeploymentFailover
            {
                private static readonly string[] Deployments = { "gpt-4o-eastus", "gpt-4o-swedencentral", "gpt-4o-mini-eastus" };
                private readonly AzureOpenAIClient _azure;

                public DeploymentFailover(AzureOpenAIClient azure) { _azure = azure; }

                public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
                {
                    foreach (string deployment in Deployments)
                    {
                        ChatClient chat = _azure.GetChatClient(deployment);
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                        {
                            Console.WriteLine(deployment + " returned " + ex.Status);
                        }
                    }

                    throw new InvalidOperationException("All deployments failed.");
                }
            }
            """);

        [Fact]
        public Task ForeachOverApiKeys_CatchException_FiresTR0001Only() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI;
            using OpenAI.Chat;

            public class KeyRotation
            {
                private readonly string[] _keys;

                public KeyRotation(string[] keys) { _keys = keys; }

                public async Task<string> AskAsync(string question)
                {
                    foreach (var key in _keys)
                    {
                        try
                        {
                            var options = new OpenAIClientOptions { Endpoint = new Uri("https://api.torouter.ai/v1") };
                            var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(key), options);
                            ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(question));
                            return completion.Content[0].Text;
                        }
                        {|TR0001:catch|} (Exception ex)
                        {
                            Console.WriteLine("Key failed: " + ex.Message);
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task ForeachOverEndpoints_IsSuccessStatusCode_FiresTR0003Only() => Verify.AnalyzerAtOldAndNewAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            public class MirrorClient
            {
                private readonly HttpClient _http;
                private readonly IList<string> _baseUrls;

                public MirrorClient(HttpClient http, IList<string> baseUrls)
                {
                    _http = http;
                    _baseUrls = baseUrls;
                }

                public async Task<string> EmbedAsync(string json, CancellationToken ct)
                {
                    foreach (string baseUrl in _baseUrls)
                    {
                        var response = await _http.PostAsync(baseUrl + "/v1/embeddings", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                        if ({|TR0003:response.IsSuccessStatusCode|})
                            return await response.Content.ReadAsStringAsync();
                    }

                    throw new HttpRequestException("No mirror accepted the request.");
                }
            }
            """);

        [Fact]
        public Task ForeachOverDeployments_UnfilteredClientResultException_FiresTR0003Only() => Verify.AnalyzerAtOldAndNewAsync("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            public class DeploymentFailover
            {
                private readonly AzureOpenAIClient _azure;
                private readonly List<string> _deployments;

                public DeploymentFailover(AzureOpenAIClient azure, List<string> deployments)
                {
                    _azure = azure;
                    _deployments = deployments;
                }

                public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
                {
                    ClientResultException last = null;
                    foreach (string deployment in _deployments)
                    {
                        try
                        {
                            ChatCompletion completion = await _azure.GetChatClient(deployment).CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, null, ct);
                            return completion.Content[0].Text;
                        }
                        {|TR0003:catch|} (ClientResultException ex)
                        {
                            last = ex;
                        }
                    }

                    throw new InvalidOperationException("All deployments failed.", last);
                }
            }
            """);
    }
}
