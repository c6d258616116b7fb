// lang: latest
// expect: flagged
// shape: synchronous for loop around a small Azure.Core HttpPipeline client that throws RequestFailedException; the catch filter only excludes Status 400, so 401/403/404 and sticky 429s are retried, with a constant Thread.Sleep(TimeSpan.FromSeconds(2)).
using System;
using System.Threading;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Corpus.N65
{
    public sealed class PromptShieldOptions : ClientOptions
    {
        public PromptShieldOptions()
        {
            Retry.MaxRetries = 0;
        }
    }

    public sealed class PromptShieldClient
    {
        private readonly HttpPipeline _pipeline;
        private readonly Uri _endpoint;
        private readonly AzureKeyCredential _key;

        public PromptShieldClient(Uri endpoint, AzureKeyCredential key)
        {
            _endpoint = endpoint;
            _key = key;
            _pipeline = HttpPipelineBuilder.Build(new PromptShieldOptions());
        }

        public string Analyze(string userPrompt, CancellationToken cancellationToken)
        {
            using HttpMessage message = _pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(new Uri(_endpoint, "contentsafety/text:shieldPrompt?api-version=2024-09-01"));
            message.Request.Headers.Add("Ocp-Apim-Subscription-Key", _key.Key);
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(new { userPrompt }));

            _pipeline.Send(message, cancellationToken);
            if (message.Response.IsError)
            {
                throw new RequestFailedException(message.Response);
            }

            return message.Response.Content.ToString();
        }
    }

    public class ChatInputGuard
    {
        private readonly PromptShieldClient _shield;

        public ChatInputGuard(PromptShieldClient shield) => _shield = shield;

        public string Check(string prompt, CancellationToken ct)
        {
            const int attempts = 3;
            for (int i = 1; i <= attempts; i++)
            {
                try
                {
                    return _shield.Analyze(prompt, ct);
                }
                catch (RequestFailedException ex) when (ex.Status != 400 && i < attempts)
                {
                    Console.WriteLine($"Prompt Shields call failed ({ex.Status} {ex.ErrorCode}); retry {i}");
                    Thread.Sleep(TimeSpan.FromSeconds(2));
                }
            }

            throw new InvalidOperationException("Prompt Shields retry loop exited unexpectedly.");
        }
    }
}
