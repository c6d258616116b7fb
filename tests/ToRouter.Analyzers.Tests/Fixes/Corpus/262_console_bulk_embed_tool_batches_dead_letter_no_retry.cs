// lang: latest
// expect: quiet
// shape: a console bulk-embedding utility sends each batch of lines exactly once with PostAsJsonAsync(...).Result and, on a non-success status or AggregateException, writes that batch to a dead-letter file and moves on to the next batch; a per-item loop, not a retry loop.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Corpus.N262
{
    /// <summary>"bulkembed input.txt output.jsonl" — rerun with the .failed.txt file to pick up failed batches.</summary>
    public static class BulkEmbedTool
    {
        private const int BatchSize = 64;
        private const string Model = "text-embedding-3-small";

        public static int Run(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: bulkembed <input.txt> <output.jsonl>");
                return 2;
            }

            var lines = File.ReadAllLines(args[0]).Where(l => l.Length > 0).ToList();
            var deadLetter = new List<string>();
            var sw = Stopwatch.StartNew();

            using var http = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("GATEWAY_URL") ?? "http://localhost:8080/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("GATEWAY_KEY"));
            using var output = new StreamWriter(args[1], append: false);

            for (int offset = 0; offset < lines.Count; offset += BatchSize)
            {
                var batch = lines.Skip(offset).Take(BatchSize).ToList();
                try
                {
                    using var response = http.PostAsJsonAsync("v1/embeddings", new { model = Model, input = batch }).Result;
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = response.Content.ReadAsStringAsync().Result;
                        Console.Error.WriteLine($"batch @{offset}: HTTP {(int)response.StatusCode} {error.Substring(0, Math.Min(200, error.Length))}");
                        deadLetter.AddRange(batch);
                        continue;
                    }

                    using var doc = JsonDocument.Parse(response.Content.ReadAsStringAsync().Result);
                    foreach (var item in doc.RootElement.GetProperty("data").EnumerateArray())
                    {
                        int index = item.GetProperty("index").GetInt32();
                        output.WriteLine(JsonSerializer.Serialize(new { text = batch[index], embedding = item.GetProperty("embedding") }));
                    }
                }
                catch (AggregateException ex)
                {
                    Console.Error.WriteLine($"batch @{offset}: {ex.GetBaseException().Message}");
                    deadLetter.AddRange(batch);
                }

                Console.Write($"\r{Math.Min(offset + BatchSize, lines.Count)}/{lines.Count} lines, {deadLetter.Count} failed, {sw.Elapsed:mm\\:ss}");
            }

            Console.WriteLine();
            if (deadLetter.Count > 0)
                File.WriteAllLines(args[1] + ".failed.txt", deadLetter);
            return deadLetter.Count == 0 ? 0 : 1;
        }
    }
}
