// lang: latest
// expect: flagged
// shape: bounded for loop over SendAsync that explicitly retries HttpStatusCode.Unauthorized (without refreshing credentials) alongside ServiceUnavailable, using jittered exponential delays, and throws after the loop.
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N36;

public class VoiceTranscriptCleaner
{
    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly Random _random = new();

    public VoiceTranscriptCleaner(HttpClient http, string apiKey)
    {
        _http = http;
        _apiKey = apiKey;
    }

    public async Task<string> CleanAsync(string transcript, CancellationToken ct)
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(new
        {
            model = "gpt-4o-mini",
            messages = new object[]
            {
                new { role = "system", content = "Fix punctuation and remove filler words." },
                new { role = "user", content = transcript },
            },
        });

        for (int attempt = 0; attempt < 4; attempt++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);

            using var resp = await _http.SendAsync(req, ct);

            // The gateway occasionally answers 401 right after a key rotation; give it a moment.
            if (resp.StatusCode == HttpStatusCode.Unauthorized || resp.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                var delayMs = (int)(Math.Pow(2, attempt) * 500) + _random.Next(0, 250);
                await Task.Delay(delayMs, ct);
                continue;
            }

            resp.EnsureSuccessStatusCode();
            return await resp.Content.ReadAsStringAsync(ct);
        }

        throw new HttpRequestException("Transcript cleanup failed after 4 attempts.");
    }
}
