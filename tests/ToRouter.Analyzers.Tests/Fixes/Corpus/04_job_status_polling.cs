// lang: latest
// expect: quiet
// shape: deadline-bounded while loop that polls a batch job's status with GetAsync + EnsureSuccessStatusCode and keeps going after each successful poll until the job reaches a terminal state.
using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N04;

public sealed class BatchJobWaiter
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private readonly HttpClient _http;

    public BatchJobWaiter(HttpClient http)
    {
        _http = http;
    }

    /// <summary>Waits for a submitted batch to finish and returns the output file id.</summary>
    public async Task<string> WaitForCompletionAsync(string batchId, TimeSpan timeout, CancellationToken ct)
    {
        DateTime deadline = DateTime.UtcNow + timeout;

        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await _http.GetAsync($"v1/batches/{batchId}", ct);
            response.EnsureSuccessStatusCode();

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using JsonDocument doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            string status = doc.RootElement.GetProperty("status").GetString();

            switch (status)
            {
                case "completed":
                    return doc.RootElement.GetProperty("output_file_id").GetString();
                case "failed":
                case "expired":
                case "cancelled":
                    throw new InvalidOperationException($"Batch {batchId} ended in state '{status}'.");
                default:
                    Console.WriteLine($"Batch {batchId} is {status}; checking again in {PollInterval.TotalSeconds:0}s");
                    break;
            }

            await Task.Delay(PollInterval, ct);
        }

        throw new TimeoutException($"Batch {batchId} did not finish within {timeout}.");
    }
}
