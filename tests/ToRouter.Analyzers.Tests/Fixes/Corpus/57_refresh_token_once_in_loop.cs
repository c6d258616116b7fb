// lang: latest
// expect: quiet
// shape: while (true) loop that re-sends a chat request only once, after a 401 forces an OAuth token refresh guarded by a refreshed flag; every other outcome returns the body or throws via EnsureSuccessStatusCode.
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N57;

public interface IAccessTokenProvider
{
    ValueTask<string> GetAsync(CancellationToken ct);
    ValueTask InvalidateAsync(CancellationToken ct);
}

public sealed class EntraGatewayChat
{
    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;

    public EntraGatewayChat(HttpClient http, IAccessTokenProvider tokens)
    {
        _http = http;
        _tokens = tokens;
    }

    public async Task<string> SendAsync(string chatJson, CancellationToken ct)
    {
        bool refreshed = false;

        while (true)
        {
            string token = await _tokens.GetAsync(ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions")
            {
                Content = new StringContent(chatJson, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using HttpResponseMessage response = await _http.SendAsync(request, ct).ConfigureAwait(false);

            if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed)
            {
                // Cached token expired between the cache check and the call: refresh once and resend.
                await _tokens.InvalidateAsync(ct).ConfigureAwait(false);
                refreshed = true;
                continue;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
    }
}
