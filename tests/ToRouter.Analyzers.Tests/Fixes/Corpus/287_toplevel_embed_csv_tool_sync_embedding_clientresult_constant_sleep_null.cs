// lang: latest
// expect: flagged
// shape: A top-level console tool embeds each CSV line through a local function that calls EmbeddingClient.GenerateEmbedding up to 3 times, catching every ClientResultException (401/404/sticky 429 alike) with a constant Thread.Sleep(1000), and returns null when all attempts fail so the row is silently written empty.
#nullable enable
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using OpenAI;
using OpenAI.Embeddings;

string inputPath = args.Length > 0 ? args[0] : "faq.csv";
string outputPath = args.Length > 1 ? args[1] : "faq.embeddings.tsv";

var client = new OpenAIClient(
    new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("OPENAI_API_KEY not set")),
    new OpenAIClientOptions { Endpoint = new Uri(Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "https://gateway.example.com/v1") });
EmbeddingClient embeddings = client.GetEmbeddingClient("text-embedding-3-small");

var sw = Stopwatch.StartNew();
int ok = 0, failed = 0;
using (var writer = new StreamWriter(outputPath))
{
    foreach (string line in File.ReadLines(inputPath).Skip(1))
    {
        string question = line.Split(',')[0].Trim('"');
        float[]? vector = Embed(question);
        if (vector is null) failed++; else ok++;
        writer.WriteLine(question + "\t" + (vector is null ? "" : string.Join(",", vector.Select(v => v.ToString(CultureInfo.InvariantCulture)))));
    }
}
Console.WriteLine($"Done in {sw.Elapsed}: {ok} embedded, {failed} failed.");

float[]? Embed(string text)
{
    for (int attempt = 1; attempt <= 3; attempt++)
    {
        try
        {
            OpenAIEmbedding embedding = embeddings.GenerateEmbedding(text);
            return embedding.ToFloats().ToArray();
        }
        catch (ClientResultException ex)
        {
            Console.WriteLine($"  attempt {attempt} failed for \"{Truncate(text)}\": {ex.Status} {ex.Message.Split('\n')[0]}");
            Thread.Sleep(1000);
        }
    }
    return null;
}

static string Truncate(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";

internal sealed record EmbeddedRow(string Question, IReadOnlyList<float> Vector);
