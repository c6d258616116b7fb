// lang: latest
// expect: flagged
// shape: while (true) around HttpClient.SendAsync for a field-service app that must "wait for the network to come back": HTTP error statuses are turned into a custom GatewayException (not retried), and catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.InnerException is IOException) correctly narrows to network failures with a capped, jittered exponential delay, but there is no attempt bound or deadline, so a dead network keeps it looping until the token is cancelled
using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N215
{
    public sealed class GatewayException : Exception
    {
        public GatewayException(int status, string body) : base($"Gateway returned {status}: {body}")
        {
            Status = status;
        }

        public int Status { get; }
    }

    public sealed class InspectionReportAssistant
    {
        private readonly HttpClient _http;
        private readonly ILogger<InspectionReportAssistant> _logger;

        public InspectionReportAssistant(HttpClient http, ILogger<InspectionReportAssistant> logger)
        {
            _http = http;
            _logger = logger;
        }

        public async Task<string> DraftReportAsync(string technicianNotes, CancellationToken ct)
        {
            var body = new
            {
                model = "gpt-4o-mini",
                messages = new[]
                {
                    new { role = "system", content = "Turn the technician's notes into a formal inspection report." },
                    new { role = "user", content = technicianNotes }
                }
            };

            var attempt = 0;
            while (true)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
                    using var response = await _http.SendAsync(request, ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    if (!response.IsSuccessStatusCode)
                        throw new GatewayException((int)response.StatusCode, text);
                    return text;
                }
                catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.InnerException is IOException)
                {
                    attempt++;
                    var ms = Math.Min(60_000, 500 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble() / 2);
                    _logger.LogWarning(ex, "No connection to the gateway, retry #{Attempt} in {Delay:F0} ms", attempt, ms);
                    await Task.Delay(TimeSpan.FromMilliseconds(ms), ct);
                }
            }
        }
    }
}
