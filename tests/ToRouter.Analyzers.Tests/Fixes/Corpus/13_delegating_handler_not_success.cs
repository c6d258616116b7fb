// lang: latest
// expect: flagged
// shape: DelegatingHandler.SendAsync override that re-sends through base.SendAsync up to MaxRetries times whenever !IsSuccessStatusCode, with no wait at all, and returns the last response.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N13;

/// <summary>
/// Registered on the named "llm" HttpClient so every call to the model gateway gets a few retries.
/// </summary>
public sealed class LlmRetryHandler : DelegatingHandler
{
    private const int MaxRetries = 3;

    public LlmRetryHandler(HttpMessageHandler innerHandler) : base(innerHandler)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = null;

        for (int i = 0; i < MaxRetries; i++)
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            if (i < MaxRetries - 1)
            {
                response.Dispose();
            }
        }

        return response;
    }
}
