// lang: latest
// expect: quiet
// shape: no loop: sends a chat request, and on 401 Unauthorized refreshes the bearer token once and re-sends a rebuilt request a single time before EnsureSuccessStatusCode.
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N20;

public interface ITokenSource
{
    Task<string> GetTokenAsync(bool forceRefresh, CancellationToken ct);
}

public sealed class AuthenticatedChatCaller
{
    private readonly HttpClient _http;
    private readonly ITokenSource _tokens;

    public AuthenticatedChatCaller(HttpClient http, ITokenSource tokens)
    {
        _http = http;
        _tokens = tokens;
    }

    public async Task<string> PostChatAsync(string json, CancellationToken ct)
    {
        var token = await _tokens.GetTokenAsync(forceRefresh: false, ct);
        var response = await _http.SendAsync(Build(json, token), ct);

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The cached token may have expired between issue and use: refresh once and re-send.
            response.Dispose();
            token = await _tokens.GetTokenAsync(forceRefresh: true, ct);
            response = await _http.SendAsync(Build(json, token), ct);
        }

        using (response)
        {
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(ct);
        }
    }

    private static HttpRequestMessage Build(string json, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
