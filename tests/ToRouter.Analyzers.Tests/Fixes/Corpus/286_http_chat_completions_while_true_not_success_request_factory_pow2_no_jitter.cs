// lang: latest
// expect: flagged
// shape: A typed HttpClient sends POST /v1/chat/completions from a request factory in while (true), and on any !IsSuccessStatusCode (401, 404 and sticky 429 included) waits 2^retryCount seconds with no jitter before trying again, throwing only once maxRetries is reached.
#nullable enable
using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N286
{
    public sealed record ChatMessageDto([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);

    public sealed record ChatRequestDto(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("messages")] ChatMessageDto[] Messages,
        [property: JsonPropertyName("max_tokens")] int MaxTokens);

    public sealed class LlmHttpClient
    {
        private static readonly Meter Meter = new("Corpus.N286.Llm");
        private static readonly Counter<long> Retries = Meter.CreateCounter<long>("llm_http_retries");

        private readonly HttpClient _httpClient;
        private readonly ILogger<LlmHttpClient> _logger;
        private readonly int _maxRetries;

        public LlmHttpClient(HttpClient httpClient, ILogger<LlmHttpClient> logger, int maxRetries = 4)
        {
            _httpClient = httpClient;
            _logger = logger;
            _maxRetries = maxRetries;
        }

        public Task<HttpResponseMessage> ChatAsync(ChatRequestDto request, CancellationToken ct) =>
            SendWithRetryAsync(() => new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = JsonContent.Create(request)
            }, ct);

        // HttpRequestMessage can't be sent twice, so we take a factory and build a fresh one per attempt.
        private async Task<HttpResponseMessage> SendWithRetryAsync(Func<HttpRequestMessage> requestFactory, CancellationToken ct)
        {
            int retryCount = 0;
            while (true)
            {
                using var request = requestFactory();
                var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);

                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                if (retryCount >= _maxRetries)
                {
                    var error = await response.Content.ReadAsStringAsync(ct);
                    response.Dispose();
                    throw new HttpRequestException($"LLM call failed after {retryCount} retries: {(int)response.StatusCode} {error}");
                }

                retryCount++;
                Retries.Add(1);
                var delay = TimeSpan.FromSeconds(Math.Pow(2, retryCount));
                _logger.LogWarning("LLM request returned {StatusCode}. Retry {RetryCount}/{MaxRetries} after {Delay}",
                    response.StatusCode, retryCount, _maxRetries, delay);
                response.Dispose();

                await Task.Delay(delay, ct);
            }
        }
    }
}
