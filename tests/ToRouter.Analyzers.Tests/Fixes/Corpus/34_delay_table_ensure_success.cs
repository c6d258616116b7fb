// lang: latest
// expect: flagged
// shape: loop over an explicit increasing delay table (1 s, 3 s, 8 s) whose try block posts and calls EnsureSuccessStatusCode, with a catch (HttpRequestException) filtered only by the attempt index, so 4xx responses are retried.
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N34;

public sealed record ChatTurn(string Role, string Content);

public sealed class RepeatingChatPoster
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(8),
    ];

    private readonly HttpClient _http;

    public RepeatingChatPoster(HttpClient http) => _http = http;

    public async Task<string> PostAsync(ChatTurn[] turns, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await _http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o-mini", messages = turns }, cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < Delays.Length)
            {
                Console.WriteLine($"POST failed ({ex.StatusCode}); next try in {Delays[attempt].TotalSeconds}s");
                await Task.Delay(Delays[attempt], cancellationToken);
            }
        }
    }
}
