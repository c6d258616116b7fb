using System.ClientModel;
using System.Net.Http.Headers;
using Consumer;
using OpenAI;
using OpenAI.Chat;

// A small command-line client of a ToRouter gateway (any OpenAI-compatible endpoint).
var endpoint = new Uri(Environment.GetEnvironmentVariable("TOROUTER_BASE_URL") ?? "http://127.0.0.1:8080/v1/");
var apiKey = Environment.GetEnvironmentVariable("TOROUTER_API_KEY") ?? "sk-local-test";
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));

using var http = new HttpClient { BaseAddress = endpoint };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
var gateway = new GatewayClient(http);

var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = endpoint });
var assistant = new Assistant(chat);

Console.WriteLine(await gateway.ListModelsAsync(cts.Token));
Console.WriteLine(await gateway.PostChatCompletionAsync("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}", cts.Token) ?? "(no answer)");
Console.WriteLine(await gateway.CreateEmbeddingAsync("{\"model\":\"text-embedding-3-small\",\"input\":\"ping\"}", cts.Token));
Console.WriteLine(assistant.Summarize("Retry loops should back off exponentially, with jitter."));
Console.WriteLine(await assistant.AskAsync("What is a sticky quota error?", cts.Token));
