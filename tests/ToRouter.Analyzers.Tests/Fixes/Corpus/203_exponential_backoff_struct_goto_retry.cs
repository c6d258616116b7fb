// lang: latest
// expect: flagged
// shape: classic ExponentialBackoff struct (Delay() throws TimeoutException after maxRetries, otherwise waits min(base * (2^n - 1) / 2, max) with no jitter) driving a goto-label retry; the try posts a chat request and calls EnsureSuccessStatusCode, and the catch (HttpRequestException ex) writes to Debug, awaits backoff.Delay() and jumps back, so 400/401/403/404 and sticky quota 429s are retried like network errors
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace Corpus.N203
{
    public struct ExponentialBackoff
    {
        private readonly int _maxRetries;
        private readonly int _delayMilliseconds;
        private readonly int _maxDelayMilliseconds;
        private int _retries;
        private int _pow;

        public ExponentialBackoff(int maxRetries, int delayMilliseconds, int maxDelayMilliseconds)
        {
            _maxRetries = maxRetries;
            _delayMilliseconds = delayMilliseconds;
            _maxDelayMilliseconds = maxDelayMilliseconds;
            _retries = 0;
            _pow = 1;
        }

        public Task Delay()
        {
            if (_retries == _maxRetries)
            {
                throw new TimeoutException("Max retry attempts exceeded.");
            }
            ++_retries;
            if (_retries < 31)
            {
                _pow = _pow << 1; // m_pow = Pow(2, m_retries - 1)
            }
            int delay = Math.Min(_delayMilliseconds * (_pow - 1) / 2, _maxDelayMilliseconds);
            return Task.Delay(delay);
        }
    }

    public class SqlExplainer
    {
        private readonly HttpClient _http;

        public SqlExplainer(HttpClient http)
        {
            _http = http;
        }

        public async Task<string> ExplainAsync(string sql)
        {
            var request = new
            {
                model = "gpt-4.1-mini",
                messages = new[]
                {
                    new { role = "system", content = "Explain what this SQL query does in plain English for a business user." },
                    new { role = "user", content = sql }
                }
            };

            var backoff = new ExponentialBackoff(5, 200, 8000);
        retry:
            try
            {
                using var response = await _http.PostAsJsonAsync("v1/chat/completions", request);
                response.EnsureSuccessStatusCode();
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
            }
            catch (HttpRequestException ex)
            {
                Debug.WriteLine("Exception raised is: " + ex.GetType() + " - Message: " + ex.Message);
                await backoff.Delay();
                goto retry;
            }
        }
    }
}
