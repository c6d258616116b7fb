// lang: latest
// expect: flagged
// shape: HttpClient extension method SendWithRetryAsync(Func<HttpRequestMessage>) that re-sends while StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable, waiting 2^attempt seconds without jitter or a body check, with ConfigureAwait(false) everywhere and one final attempt after the loop.
using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N51;

public static class HttpClientRetryExtensions
{
    public static async Task<HttpResponseMessage> SendWithRetryAsync(
        this HttpClient client,
        Func<HttpRequestMessage> requestFactory,
        int maxRetries = 3,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(requestFactory);

        for (var attempt = 0; attempt < maxRetries; attempt++)
        {
            var response = await client.SendAsync(requestFactory(), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                response.Dispose();
                var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }

        // Last try: whatever comes back goes to the caller.
        return await client.SendAsync(requestFactory(), cancellationToken).ConfigureAwait(false);
    }
}

public sealed class ModerationClient
{
    private readonly HttpClient _http;

    public ModerationClient(HttpClient http) => _http = http;

    public async Task<string> ModerateAsync(string text, CancellationToken ct)
    {
        using var response = await _http.SendWithRetryAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "v1/moderations")
            {
                Content = new StringContent("{\"input\":\"" + text.Replace("\"", "\\\"") + "\"}", System.Text.Encoding.UTF8, "application/json"),
            },
            cancellationToken: ct).ConfigureAwait(false);

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }
}
