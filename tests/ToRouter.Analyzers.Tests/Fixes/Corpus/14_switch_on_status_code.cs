// lang: latest
// expect: flagged
// shape: bounded for loop with a switch on (int)response.StatusCode: 200 returns, 429/500/502/503 fall through to a constant Task.Delay(2000), anything else throws; TimeoutException after the loop.
using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N14;

public class EmbeddingFetcher
{
    private const int MaxAttempts = 6;
    private readonly HttpClient _httpClient;

    public EmbeddingFetcher(HttpClient httpClient)
    {
        _httpClient = httpClient;
    }

    public async Task<float[]> EmbedAsync(string input, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(new { model = "text-embedding-3-small", input });

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _httpClient.PostAsync("v1/embeddings", content, ct);

            switch ((int)response.StatusCode)
            {
                case 200:
                    var body = await response.Content.ReadAsStringAsync(ct);
                    using (var doc = JsonDocument.Parse(body))
                    {
                        var vector = doc.RootElement.GetProperty("data")[0].GetProperty("embedding");
                        var result = new float[vector.GetArrayLength()];
                        int i = 0;
                        foreach (var v in vector.EnumerateArray())
                        {
                            result[i++] = v.GetSingle();
                        }
                        return result;
                    }

                case 429:
                case 500:
                case 502:
                case 503:
                    Console.WriteLine($"Embedding request got {(int)response.StatusCode}, attempt {attempt}/{MaxAttempts}");
                    break;

                default:
                    var error = await response.Content.ReadAsStringAsync(ct);
                    throw new HttpRequestException($"Embedding request failed ({(int)response.StatusCode}): {error}");
            }

            await Task.Delay(2000, ct);
        }

        throw new TimeoutException($"Embedding service unavailable after {MaxAttempts} attempts.");
    }
}
