// lang: latest
// expect: flagged
// shape: bounded for loop whose try posts the same request, calls EnsureSuccessStatusCode and JsonSerializer.Deserialize on the body; catch (HttpRequestException) and catch (JsonException) both log and wait a constant 1.5 s before re-sending the unchanged request, and default is returned after the loop.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N58;

public sealed class CompletionEnvelope
{
    [JsonPropertyName("id")]
    public string Id { get; set; }

    [JsonPropertyName("choices")]
    public List<CompletionChoice> Choices { get; set; }
}

public sealed class CompletionChoice
{
    [JsonPropertyName("message")]
    public CompletionMessage Message { get; set; }
}

public sealed class CompletionMessage
{
    [JsonPropertyName("content")]
    public string Content { get; set; }
}

public class ProductCopyWriter
{
    private const int Attempts = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(1500);
    private readonly HttpClient _http;

    public ProductCopyWriter(HttpClient http) => _http = http;

    public async Task<CompletionEnvelope> WriteAsync(string productName, string bulletPoints, CancellationToken ct)
    {
        var payload = JsonSerializer.Serialize(new
        {
            model = "gpt-4o",
            messages = new object[]
            {
                new { role = "system", content = "You write product descriptions for an online shop." },
                new { role = "user", content = $"{productName}\n{bulletPoints}" },
            },
        });

        for (int i = 0; i < Attempts; i++)
        {
            try
            {
                using var resp = await _http.PostAsync("v1/chat/completions", new StringContent(payload, Encoding.UTF8, "application/json"), ct);
                resp.EnsureSuccessStatusCode();
                string body = await resp.Content.ReadAsStringAsync(ct);
                return JsonSerializer.Deserialize<CompletionEnvelope>(body)
                    ?? throw new JsonException("empty completion body");
            }
            catch (HttpRequestException ex)
            {
                Console.WriteLine($"copywriter http error: {ex.Message}");
                await Task.Delay(Pause, ct);
            }
            catch (JsonException ex)
            {
                Console.WriteLine($"copywriter got unparseable body: {ex.Message}");
                await Task.Delay(Pause, ct);
            }
        }

        return default;
    }
}
