// lang: latest
// expect: flagged
// shape: retry loop inside an async lambda passed to Task.Run for parallel fan-out; bare catch blocks with Thread.Sleep(1000) and the lambda returns null after three failed attempts.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N18;

public class BulkTagger
{
    private readonly HttpClient _http;

    public BulkTagger(HttpClient http)
    {
        _http = http;
    }

    public async Task<Dictionary<string, string>> TagAllAsync(IEnumerable<string> titles)
    {
        var tasks = titles.Select(title => Task.Run(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                try
                {
                    var resp = await _http.PostAsJsonAsync("v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[] { new { role = "user", content = "Give one tag for: " + title } },
                    });
                    resp.EnsureSuccessStatusCode();
                    using var doc = JsonDocument.Parse(await resp.Content.ReadAsStringAsync());
                    var tag = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
                    return (title, tag);
                }
                catch
                {
                    Thread.Sleep(1000);
                }
            }

            return (title, (string)null);
        })).ToList();

        var results = await Task.WhenAll(tasks);
        return results.Where(r => r.Item2 != null).ToDictionary(r => r.title, r => r.Item2);
    }
}
