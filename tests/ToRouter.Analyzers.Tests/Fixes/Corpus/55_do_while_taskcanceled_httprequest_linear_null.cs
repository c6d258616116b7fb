// lang: latest
// expect: flagged
// shape: do-while (++attempt < MaxAttempts) whose try posts and calls EnsureSuccessStatusCode, with separate catch (TaskCanceledException) and catch (HttpRequestException) clauses that both fall through to a delay growing by a fixed 1 s step; returns null after the loop.
#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N55;

public sealed record EmbeddingRequest(string Model, string[] Input);

public class VectorizerClient
{
    private const int MaxAttempts = 4;
    private readonly HttpClient _httpClient;

    public VectorizerClient(HttpClient httpClient)
    {
        _httpClient = httpClient;
    }

    public async Task<string?> EmbedRawAsync(string[] chunks, CancellationToken ct = default)
    {
        var attempt = 0;
        var delay = TimeSpan.FromSeconds(1);

        do
        {
            try
            {
                using var response = await _httpClient.PostAsJsonAsync("v1/embeddings", new EmbeddingRequest("text-embedding-3-small", chunks), ct);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(ct);
            }
            catch (TaskCanceledException)
            {
                Console.WriteLine($"Embedding request timed out (attempt {attempt + 1})");
            }
            catch (HttpRequestException ex)
            {
                Console.WriteLine($"Embedding request failed (attempt {attempt + 1}): {ex.StatusCode} {ex.Message}");
            }

            await Task.Delay(delay, ct);
            delay += TimeSpan.FromSeconds(1);
        }
        while (++attempt < MaxAttempts);

        return null;
    }
}
