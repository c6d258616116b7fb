// lang: 7.3
// expect: quiet
// shape: C# 7.3 no-loop client that sends a chat request with a cached bearer token and, when the gateway answers 401, refreshes the token once through a token provider and re-sends a rebuilt request a single time before EnsureSuccessStatusCode.
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N108
{
    public interface IBearerTokenSource
    {
        Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
    }

    public class AuthenticatedChatClient
    {
        private readonly HttpClient _http;
        private readonly IBearerTokenSource _tokens;

        public AuthenticatedChatClient(HttpClient http, IBearerTokenSource tokens)
        {
            _http = http;
            _tokens = tokens;
        }

        public async Task<string> SendAsync(string requestJson, CancellationToken cancellationToken)
        {
            string token = await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response = await _http.SendAsync(BuildRequest(requestJson, token), cancellationToken).ConfigureAwait(false);

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The cached token may have expired between the check and the call: refresh once and re-send.
                response.Dispose();
                token = await _tokens.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
                response = await _http.SendAsync(BuildRequest(requestJson, token), cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
        }

        private static HttpRequestMessage BuildRequest(string json, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json")
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }
    }
}
