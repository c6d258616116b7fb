// lang: 7.3
// expect: flagged
// shape: C# 7.3 async do { } while (!done && attempt < MaxAttempts) with a done flag set on success; the body posts a chat request and treats any StatusCode != HttpStatusCode.OK as retryable (400/401/403/404 and sticky 429s included), logs through Trace.TraceWarning and waits a constant 2 s; after the loop it logs an error and returns null
using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Corpus.N157
{
    public class SqlExplainer
    {
        private const int MaxAttempts = 4;
        private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

        private readonly HttpClient _http;
        private readonly string _model;

        public SqlExplainer(HttpClient http, string model)
        {
            _http = http;
            _model = model;
        }

        public async Task<string> ExplainQueryAsync(string sql)
        {
            string json = "{\"model\":" + JsonSerializer.Serialize(_model)
                + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + JsonSerializer.Serialize("Explain what this SQL query does, step by step:\n" + sql)
                + "}]}";

            string result = null;
            bool done = false;
            int attempt = 0;

            do
            {
                attempt++;
                using (var content = new StringContent(json, Encoding.UTF8, "application/json"))
                using (var response = await _http.PostAsync("v1/chat/completions", content).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        result = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        done = true;
                    }
                    else
                    {
                        Trace.TraceWarning("SqlExplainer: attempt {0} got {1} {2}", attempt, (int)response.StatusCode, response.ReasonPhrase);
                        await Task.Delay(RetryDelay).ConfigureAwait(false);
                    }
                }
            } while (!done && attempt < MaxAttempts);

            if (!done)
            {
                Trace.TraceError("SqlExplainer: giving up after {0} attempts", attempt);
            }

            return result;
        }
    }
}
