using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using OpenAI;
using OpenAI.Chat;

namespace RetrySamples
{
    /// <summary>
    /// The three clients a team typically points at an OpenAI/Anthropic-compatible gateway such as
    /// ToRouter: the OpenAI .NET SDK, the Anthropic .NET SDK and a plain <see cref="HttpClient"/>
    /// posting to <c>/v1/chat/completions</c>. Settings come from environment variables.
    /// </summary>
    public sealed class Gateway
    {
        /// <summary>Attempts per call, including the first. Matches the analyzer's default <c>torouter.max_attempts</c>.</summary>
        public const int MaxAttempts = 6;

        /// <summary>First backoff ceiling (<c>torouter.base_delay_ms</c>).</summary>
        public const double BaseDelayMs = 1000;

        /// <summary>Largest backoff ceiling (<c>torouter.max_delay_ms</c>).</summary>
        public const double MaxDelayMs = 30000;

        public Gateway(Uri baseUrl, string apiKey, string model)
        {
            Model = model;

            // Our own loops do the retrying. Left on, the SDK's built-in retry (4 attempts per call)
            // would multiply every attempt a loop makes.
            Chat = new ChatClient(model, new ApiKeyCredential(apiKey), new OpenAIClientOptions
            {
                Endpoint = baseUrl,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            });

            Anthropic = new AnthropicClient(new ClientOptions
            {
                ApiKey = apiKey,
                BaseUrl = baseUrl.GetLeftPart(UriPartial.Authority),
                MaxRetries = 0,
            });

            Http = new HttpClient { BaseAddress = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/") };
            Http.DefaultRequestHeaders.Add("Authorization", "Bearer " + apiKey);
        }

        public string Model { get; }

        public ChatClient Chat { get; }

        public AnthropicClient Anthropic { get; }

        public HttpClient Http { get; }

        public static Gateway FromEnvironment()
        {
            string baseUrl = Environment.GetEnvironmentVariable("TOROUTER_BASE_URL") ?? "http://127.0.0.1:8080/v1";
            string apiKey = Environment.GetEnvironmentVariable("TOROUTER_API_KEY") ?? "sk-not-set";
            string model = Environment.GetEnvironmentVariable("TOROUTER_MODEL") ?? "gpt-4o-mini";
            return new Gateway(new Uri(baseUrl), apiKey, model);
        }

        /// <summary>The JSON body of a one-message <c>POST /v1/chat/completions</c> request.</summary>
        public HttpContent ChatCompletionBody(string prompt) => JsonContent.Create(new
        {
            model = Model,
            messages = new[] { new { role = "user", content = prompt } },
        });

        /// <summary>An Anthropic Messages API request with one user turn.</summary>
        public MessageCreateParams MessageRequest(string prompt) => new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 1024,
            Messages = [new UserMessageParam { Content = prompt }],
        };

        /// <summary>The concatenated text blocks of an Anthropic reply.</summary>
        public static string TextOf(Message message)
        {
            var parts = new List<string>();
            foreach (ContentBlock block in message.Content)
            {
                if (block.TryPickText(out TextBlock? text))
                {
                    parts.Add(text.Text);
                }
            }

            return string.Concat(parts);
        }

        /// <summary>The exception a raw HttpClient call throws for a failed gateway response.</summary>
        public static HttpRequestException GatewayError(HttpResponseMessage response, string body) =>
            new HttpRequestException($"Gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}", null, response.StatusCode);
    }
}
