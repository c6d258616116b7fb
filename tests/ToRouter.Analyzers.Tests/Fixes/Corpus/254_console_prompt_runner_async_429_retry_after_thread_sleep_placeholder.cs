// lang: latest
// expect: flagged
// shape: a console prompt-runner utility retries each prompt up to six times on HTTP 429 (honouring Retry-After but never reading the body for sticky quota codes), blocks its async method with Thread.Sleep, and writes a "<rate limited>" placeholder when the attempts run out.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N254
{
    /// <summary>Entry logic of the "promptrun" dev tool; Program.Main just forwards to RunAsync.</summary>
    public static class PromptRunner
    {
        public static async Task<int> RunAsync(string[] args)
        {
            var inputPath = args.Length > 0 ? args[0] : "prompts.txt";
            var outputPath = args.Length > 1 ? args[1] : Path.ChangeExtension(inputPath, ".answers.txt");
            var model = Environment.GetEnvironmentVariable("PROMPTRUN_MODEL") ?? "gpt-4o-mini";

            using var http = new HttpClient
            {
                BaseAddress = new Uri(Environment.GetEnvironmentVariable("GATEWAY_URL") ?? "http://localhost:8080/"),
            };
            http.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("GATEWAY_KEY"));

            var results = new List<string>();
            foreach (var prompt in File.ReadLines(inputPath))
            {
                if (string.IsNullOrWhiteSpace(prompt))
                    continue;

                string? answer = null;
                for (var attempt = 1; attempt <= 6; attempt++)
                {
                    using var response = await http.PostAsJsonAsync("v1/chat/completions", new
                    {
                        model,
                        messages = new[] { new { role = "user", content = prompt } },
                    });

                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(10);
                        Console.Error.WriteLine($"429 on prompt #{results.Count + 1}, attempt {attempt}; sleeping {wait.TotalSeconds:F0}s");
                        Thread.Sleep(wait);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    answer = await response.Content.ReadAsStringAsync();
                    break;
                }

                results.Add(answer ?? "<rate limited>");
                Console.WriteLine($"{results.Count}: {(answer == null ? "FAILED" : "ok")}");
            }

            await File.WriteAllLinesAsync(outputPath, results);
            Console.WriteLine($"wrote {results.Count} answers to {outputPath}");
            return 0;
        }
    }
}
