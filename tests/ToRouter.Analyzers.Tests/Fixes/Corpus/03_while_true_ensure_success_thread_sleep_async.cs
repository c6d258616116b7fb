// lang: latest
// expect: flagged
// shape: unbounded while (true) in an async method; try block posts and calls EnsureSuccessStatusCode, catch (HttpRequestException) logs and blocks with Thread.Sleep(5000).
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N03;

public record ModerationRequest(string Model, string Input);

public class ModerationChecker
{
    private readonly HttpClient _http;

    public ModerationChecker(HttpClient http) => _http = http;

    public async Task<string> CheckAsync(string text)
    {
        var request = new ModerationRequest("omni-moderation-latest", text);

        while (true)
        {
            try
            {
                var response = await _http.PostAsJsonAsync("/v1/moderations", request);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException ex)
            {
                Console.WriteLine("Moderation call failed, retrying in 5s: " + ex.Message);
                Thread.Sleep(5000);
            }
        }
    }
}
