// lang: latest
// expect: flagged
// shape: bounded for loop that maps response.StatusCode through a switch expression to a Retry/Fail/Done decision (429 and 5xx map to Retry), waits TimeSpan.FromSeconds(1 << attempt) without jitter on Retry, never inspects the 429 body, and throws after the loop.
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N56;

public enum CallOutcome
{
    Done,
    Retry,
    Fail,
}

public sealed class ChatGatewayException : Exception
{
    public ChatGatewayException(HttpStatusCode status, string body)
        : base($"Chat gateway returned {(int)status}: {body}")
    {
        Status = status;
    }

    public HttpStatusCode Status { get; }
}

public sealed class SqlExplainer
{
    private const int MaxAttempts = 5;
    private readonly HttpClient _http;

    public SqlExplainer(HttpClient http) => _http = http;

    public async Task<string> ExplainAsync(string sql, CancellationToken ct)
    {
        string json = $$"""
            {"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Explain this SQL for a junior dev:\n{{sql.Replace("\"", "\\\"")}}"}]}
            """;

        HttpStatusCode lastStatus = default;
        string lastBody = string.Empty;

        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            using var response = await _http.SendAsync(request, ct);
            string body = await response.Content.ReadAsStringAsync(ct);

            var outcome = response.StatusCode switch
            {
                HttpStatusCode.OK => CallOutcome.Done,
                HttpStatusCode.TooManyRequests => CallOutcome.Retry,
                HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                    or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => CallOutcome.Retry,
                _ => CallOutcome.Fail,
            };

            switch (outcome)
            {
                case CallOutcome.Done:
                    return body;
                case CallOutcome.Fail:
                    throw new ChatGatewayException(response.StatusCode, body);
            }

            lastStatus = response.StatusCode;
            lastBody = body;
            await Task.Delay(TimeSpan.FromSeconds(1 << attempt), ct);
        }

        throw new ChatGatewayException(lastStatus, lastBody);
    }
}
