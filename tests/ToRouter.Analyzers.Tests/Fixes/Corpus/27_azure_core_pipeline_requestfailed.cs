// lang: latest
// expect: flagged
// shape: a thin Azure.Core HttpPipeline client that throws RequestFailedException on error, and a for loop catching RequestFailedException when Status is 429 or 503 with an unjittered 2^attempt-second wait and no sticky-code check.
using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Corpus.N27
{
    public sealed class GatewayClientOptions : ClientOptions
    {
    }

    public sealed class EmbeddingsGateway
    {
        private readonly HttpPipeline _pipeline;
        private readonly Uri _endpoint;
        private readonly string _apiKey;

        public EmbeddingsGateway(Uri endpoint, string apiKey)
        {
            var options = new GatewayClientOptions();
            options.Retry.MaxRetries = 0;
            _pipeline = HttpPipelineBuilder.Build(options);
            _endpoint = endpoint;
            _apiKey = apiKey;
        }

        public async Task<JsonDocument> EmbedAsync(string[] inputs, CancellationToken ct)
        {
            using HttpMessage message = _pipeline.CreateMessage();
            Request request = message.Request;
            request.Method = RequestMethod.Post;
            request.Uri.Reset(new Uri(_endpoint, "v1/embeddings"));
            request.Headers.Add("Authorization", "Bearer " + _apiKey);
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(new { model = "text-embedding-3-large", input = inputs }));

            await _pipeline.SendAsync(message, ct);
            Response response = message.Response;
            if (response.IsError)
            {
                throw new RequestFailedException(response);
            }

            return JsonDocument.Parse(response.Content.ToMemory());
        }
    }

    public class SearchIndexer
    {
        private readonly EmbeddingsGateway _gateway;

        public SearchIndexer(EmbeddingsGateway gateway)
        {
            _gateway = gateway;
        }

        public async Task<JsonDocument> EmbedBatchAsync(string[] batch, CancellationToken ct)
        {
            const int maxAttempts = 5;
            for (int attempt = 0; attempt < maxAttempts; attempt++)
            {
                try
                {
                    return await _gateway.EmbedAsync(batch, ct);
                }
                catch (RequestFailedException ex) when ((ex.Status == 429 || ex.Status == 503) && attempt < maxAttempts - 1)
                {
                    var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                    Console.WriteLine($"Embeddings throttled ({ex.Status} {ex.ErrorCode}); retrying in {backoff}");
                    await Task.Delay(backoff, ct);
                }
            }

            throw new InvalidOperationException("not reached");
        }
    }
}
