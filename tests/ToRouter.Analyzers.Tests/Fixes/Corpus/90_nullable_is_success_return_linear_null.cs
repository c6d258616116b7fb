// lang: latest
// expect: flagged
// shape: #nullable enable; Task<string?> method with a for loop that returns the body when response.IsSuccessStatusCode, otherwise logs the status and waits Task.Delay(1000 * (attempt + 1)) for any failure status (401/403/404 included), and returns null after the last attempt.
#nullable enable
using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N90;

public class CommitMessageGenerator
{
    private readonly HttpClient _client;
    private readonly int _maxAttempts;

    public CommitMessageGenerator(HttpClient client, int maxAttempts = 3)
    {
        _client = client;
        _maxAttempts = maxAttempts;
    }

    public async Task<string?> GenerateAsync(string diff, CancellationToken cancellationToken = default)
    {
        string json = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":"
            + System.Text.Json.JsonSerializer.Serialize("Write a conventional commit message for:\n" + diff) + "}]}";

        for (int attempt = 0; attempt < _maxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };

            using HttpResponseMessage response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }

            Console.WriteLine($"Attempt {attempt + 1} failed with {(int)response.StatusCode} {response.ReasonPhrase}");
            await Task.Delay(1000 * (attempt + 1), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
