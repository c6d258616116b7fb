// lang: latest
// expect: flagged
// shape: #nullable enable; for loop around PostAsJsonAsync + EnsureSuccessStatusCode with catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests) that rethrows when i == maxRetries - 1 and otherwise waits TimeSpan.FromSeconds(Math.Pow(2, i)) without jitter or a sticky-quota check.
#nullable enable
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N89;

public sealed record GatewayChatRequest(string Model, GatewayChatTurn[] Messages);

public sealed record GatewayChatTurn(string Role, string Content);

public sealed class QueryPlanNarrator
{
    private const int MaxRetries = 5;
    private readonly HttpClient _httpClient;

    public QueryPlanNarrator(HttpClient httpClient) => _httpClient = httpClient;

    public async Task<string> ExplainAsync(string sql, CancellationToken cancellationToken = default)
    {
        var request = new GatewayChatRequest("gpt-4o-mini", new[]
        {
            new GatewayChatTurn("system", "Explain what this SQL query does in two sentences."),
            new GatewayChatTurn("user", sql),
        });

        for (int i = 0; i < MaxRetries; i++)
        {
            try
            {
                using HttpResponseMessage response = await _httpClient.PostAsJsonAsync("v1/chat/completions", request, cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
            {
                if (i == MaxRetries - 1)
                {
                    throw;
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, i)), cancellationToken);
            }
        }

        throw new InvalidOperationException("unreachable");
    }
}
