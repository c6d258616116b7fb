// lang: latest
// expect: flagged
// shape: Report-narration service posts raw chat JSON with HttpClient inside a Stopwatch deadline loop that re-sends on any non-success status (400/401/403/404 and sticky 429 included) after a constant 2 s delay.
#nullable enable
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N231
{
    public sealed class ChatCompletionResponse
    {
        [JsonPropertyName("choices")] public Choice[] Choices { get; set; } = [];

        public sealed class Choice
        {
            [JsonPropertyName("message")] public Message Message { get; set; } = new();
        }

        public sealed class Message
        {
            [JsonPropertyName("content")] public string? Content { get; set; }
        }
    }

    public sealed class ReportNarrationService(HttpClient http, ILogger<ReportNarrationService> logger)
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

        public async Task<string> NarrateAsync(string reportName, string metricsCsv, CancellationToken ct)
        {
            var body = new
            {
                model = "gpt-4.1-mini",
                messages = new[]
                {
                    new { role = "system", content = "Explain the week-over-week changes in plain English, three bullet points." },
                    new { role = "user", content = metricsCsv },
                },
            };

            var sw = Stopwatch.StartNew();
            var attempts = 0;
            string? lastError = null;

            while (sw.Elapsed < Budget)
            {
                attempts++;
                using var response = await http.PostAsJsonAsync("/v1/chat/completions", body, ct);
                if (response.IsSuccessStatusCode)
                {
                    var parsed = await response.Content.ReadFromJsonAsync<ChatCompletionResponse>(cancellationToken: ct);
                    logger.LogInformation("Narrated {Report} in {Elapsed} ({Attempts} attempts)", reportName, sw.Elapsed, attempts);
                    return parsed?.Choices[0].Message.Content ?? string.Empty;
                }

                lastError = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}";
                logger.LogWarning("Narration of {Report} failed: {Error}", reportName, lastError);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }

            throw new TimeoutException($"Narration of {reportName} did not succeed within {Budget} ({attempts} attempts, last error {lastError}).");
        }
    }
}
