// lang: latest
// expect: flagged
// shape: unbounded while (true) around PostAsync + EnsureSuccessStatusCode with catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests) that waits a constant 3 s; no attempt counter, and the sticky quota 429s are retried forever.
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N80;

public sealed class AltTextGenerator
{
    private readonly HttpClient _http;

    public AltTextGenerator(HttpClient http) => _http = http;

    public async Task<string> DescribeImageAsync(Uri imageUrl, CancellationToken ct)
    {
        var request = new
        {
            model = "gpt-4o-mini",
            messages = new object[]
            {
                new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "text", text = "Write concise alt text for this image." },
                        new { type = "image_url", image_url = new { url = imageUrl.ToString() } },
                    },
                },
            },
        };

        while (true)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync("v1/chat/completions", request, ct);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(ct);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Console.WriteLine("429 from gateway, sleeping 3s");
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
            }
        }
    }
}
