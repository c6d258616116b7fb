// lang: latest
// expect: flagged
// shape: client class that raises a public Retrying event instead of logging; bounded for loop whose try sends a rebuilt HttpRequestMessage and calls EnsureSuccessStatusCode, with catch (HttpRequestException) when (attempt < _maxAttempts) (so 400/401/403/404 are retried) and an unjittered _baseDelay * 2^attempt wait
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N136
{
    public sealed class RetryingEventArgs : EventArgs
    {
        public RetryingEventArgs(int attempt, TimeSpan delay, Exception error)
        {
            Attempt = attempt;
            Delay = delay;
            Error = error;
        }

        public int Attempt { get; }
        public TimeSpan Delay { get; }
        public Exception Error { get; }
    }

    public class InferenceClient
    {
        private readonly HttpClient _http;
        private readonly string _token;
        private readonly int _maxAttempts;
        private readonly TimeSpan _baseDelay;

        public InferenceClient(HttpClient http, string token, int maxAttempts = 5, TimeSpan? baseDelay = null)
        {
            _http = http;
            _token = token;
            _maxAttempts = maxAttempts;
            _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(400);
        }

        public event EventHandler<RetryingEventArgs> Retrying;

        public async Task<string> GenerateAsync(string json, CancellationToken ct = default)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                    request.Content = new StringContent(json, Encoding.UTF8, "application/json");

                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync(ct);
                }
                catch (HttpRequestException ex) when (attempt < _maxAttempts)
                {
                    var delay = TimeSpan.FromTicks(_baseDelay.Ticks * (1L << (attempt - 1)));
                    Retrying?.Invoke(this, new RetryingEventArgs(attempt, delay, ex));
                    await Task.Delay(delay, ct);
                }
            }
        }
    }
}
