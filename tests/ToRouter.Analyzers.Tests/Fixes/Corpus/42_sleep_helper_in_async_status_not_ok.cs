// lang: latest
// expect: flagged
// shape: async for loop that retries whenever response.StatusCode != HttpStatusCode.OK and pauses through a small private helper that only calls Thread.Sleep with a constant delay; throws after the loop.
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N42;

public class ImageCaptioner
{
    private const int MaxAttempts = 5;
    private const int PauseMs = 2500;
    private readonly HttpClient _client;

    public ImageCaptioner(HttpClient client)
    {
        _client = client;
    }

    public async Task<string> CaptionAsync(string imageUrl)
    {
        string body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[" +
                      "{\"type\":\"text\",\"text\":\"Write alt text for this image.\"}," +
                      "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + imageUrl + "\"}}]}]}";

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var response = await _client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Console.WriteLine($"caption attempt {attempt} -> {(int)response.StatusCode}");
                Pause(PauseMs);
                continue;
            }

            return await response.Content.ReadAsStringAsync();
        }

        throw new ApplicationException($"Could not caption {imageUrl} after {MaxAttempts} attempts");
    }

    private static void Pause(int milliseconds) => Thread.Sleep(milliseconds);
}
