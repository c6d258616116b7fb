// lang: latest
// expect: flagged
// shape: async local function with while (true) around PostAsync + EnsureSuccessStatusCode; an unfiltered catch (HttpRequestException) logs and waits a random Task.Delay(Random.Shared.Next(500, 1500)), with no attempt counter at all, so 4xx and sticky 429s are retried forever.
using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N104;

public class ChangelogBot
{
    private readonly HttpClient _http;

    public ChangelogBot(HttpClient http) => _http = http;

    public async Task<string> BuildChangelogAsync(string[] pullRequestTitles, CancellationToken cancellationToken = default)
    {
        string prompt = "Group these pull requests into a changelog:\n" + string.Join("\n", pullRequestTitles);
        string requestJson = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
            + System.Text.Json.JsonSerializer.Serialize(prompt) + "}]}";

        string changelog = await CallModelAsync();
        return changelog.Trim();

        async Task<string> CallModelAsync()
        {
            while (true)
            {
                try
                {
                    using var content = new StringContent(requestJson, Encoding.UTF8, "application/json");
                    using var response = await _http.PostAsync("v1/chat/completions", content, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    Console.WriteLine($"Model call failed: {ex.Message}. Retrying...");
                    await Task.Delay(Random.Shared.Next(500, 1500), cancellationToken);
                }
            }
        }
    }
}
