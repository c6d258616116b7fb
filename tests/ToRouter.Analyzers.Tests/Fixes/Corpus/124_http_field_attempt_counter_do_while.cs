// lang: latest
// expect: flagged
// shape: do { } while (_attempt < MaxAttempts) where the attempt counter is an instance field reset at the start of each call; the body re-sends through HttpClient.SendAsync, continues on 429 or 5xx after an unjittered 250 ms * 2^_attempt delay (sticky quota 429s included), calls EnsureSuccessStatusCode otherwise, and throws after the loop
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N124
{
    public class ModerationGateway
    {
        private const int MaxAttempts = 5;
        private readonly HttpClient _httpClient;
        private int _attempt;
        private HttpStatusCode? _lastStatus;

        public ModerationGateway(HttpClient httpClient) => _httpClient = httpClient;

        public int LastAttemptCount => _attempt;

        public async Task<ModerationResult> CheckAsync(string text, CancellationToken ct = default)
        {
            _attempt = 0;
            _lastStatus = null;

            do
            {
                _attempt++;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/moderations")
                {
                    Content = JsonContent.Create(new { model = "omni-moderation-latest", input = text }),
                };

                using var response = await _httpClient.SendAsync(request, ct);
                _lastStatus = response.StatusCode;

                if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, _attempt)), ct);
                    continue;
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<ModerationResult>(cancellationToken: ct)
                       ?? new ModerationResult();
            }
            while (_attempt < MaxAttempts);

            throw new HttpRequestException($"Moderation failed after {_attempt} attempts (last status {_lastStatus}).");
        }
    }

    public class ModerationResult
    {
        public string Id { get; set; }
        public ModerationItem[] Results { get; set; } = Array.Empty<ModerationItem>();
    }

    public class ModerationItem
    {
        public bool Flagged { get; set; }
    }
}
