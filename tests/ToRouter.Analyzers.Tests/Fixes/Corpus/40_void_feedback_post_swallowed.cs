// lang: latest
// expect: flagged
// shape: synchronous void method with a for loop around HttpClient.Send + EnsureSuccessStatusCode, an unfiltered catch (HttpRequestException) with a constant Thread.Sleep, and only a log line when all attempts fail.
using System;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N40;

public class RatingReporter
{
    private const int Attempts = 3;
    private readonly HttpClient _http;

    public RatingReporter(HttpClient http)
    {
        _http = http;
    }

    public void ReportRating(string completionId, int stars)
    {
        string json = $"{{\"completion_id\":\"{completionId}\",\"rating\":{stars}}}";

        for (int i = 0; i < Attempts; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/feedback")
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                using var response = _http.Send(request);
                response.EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException ex)
            {
                Console.WriteLine($"Feedback upload failed ({i + 1}/{Attempts}): {ex.Message}");
                Thread.Sleep(1500);
            }
        }

        Console.WriteLine($"Giving up on feedback for {completionId}.");
    }
}
