// lang: latest
// expect: quiet
// shape: Console tool translates a JSON string table one entry at a time through the gateway with HttpClient, pauses before the next entry when x-ratelimit-remaining-requests reaches 0 (until x-ratelimit-reset-requests), and stops the run on the first failed response; per-item pacing, no retry.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: translate-strings <strings.json> <target-language>");
    return 2;
}

var apiKey = Environment.GetEnvironmentVariable("TOROUTER_API_KEY")
             ?? throw new InvalidOperationException("TOROUTER_API_KEY is not set");
using var http = new HttpClient
{
    BaseAddress = new Uri(Environment.GetEnvironmentVariable("TOROUTER_BASE_URL") ?? "https://api.torouter.example/"),
    Timeout = TimeSpan.FromSeconds(60),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

var (inputPath, language) = (args[0], args[1]);
var source = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(inputPath)) ?? new();
var translated = new SortedDictionary<string, string>(StringComparer.Ordinal);
var sw = Stopwatch.StartNew();

foreach (var (key, text) in source)
{
    var request = new
    {
        model = "gpt-4o-mini",
        temperature = 0,
        messages = new object[]
        {
            new { role = "system", content = $"Translate UI text to {language}. Keep {{placeholders}} and HTML tags. Reply with the translation only." },
            new { role = "user", content = text },
        },
    };

    using var response = await http.PostAsJsonAsync("v1/chat/completions", request);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"{key}: HTTP {(int)response.StatusCode} {body}");
        Console.Error.WriteLine($"Stopped after {translated.Count}/{source.Count} strings; rerun to continue.");
        await WriteOutputAsync(inputPath, language, translated);
        return 1;
    }

    translated[key] = JsonNode.Parse(body)!["choices"]![0]!["message"]!["content"]!.GetValue<string>().Trim();

    // Pace ourselves instead of waiting to be told off: when the window is used up, sleep until it resets.
    if (RateWindow.TryGetPause(response.Headers, out var pause))
    {
        Console.WriteLine($"  request window used up after '{key}', pausing {pause.TotalSeconds:0.#}s");
        await Task.Delay(pause);
    }
}

await WriteOutputAsync(inputPath, language, translated);
Console.WriteLine($"Translated {translated.Count} strings in {sw.Elapsed:mm\\:ss}");
return 0;

static Task WriteOutputAsync(string inputPath, string language, SortedDictionary<string, string> strings)
{
    var outPath = Path.ChangeExtension(inputPath, $".{language}.json");
    return File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(strings, new JsonSerializerOptions { WriteIndented = true }));
}

static class RateWindow
{
    // OpenAI-style headers: remaining count, and a reset such as "1s", "6m0s" or "250ms".
    public static bool TryGetPause(HttpResponseHeaders headers, out TimeSpan pause)
    {
        pause = TimeSpan.Zero;
        if (!headers.TryGetValues("x-ratelimit-remaining-requests", out var remaining) || remaining.FirstOrDefault() != "0")
            return false;
        if (!headers.TryGetValues("x-ratelimit-reset-requests", out var reset))
            return false;

        var value = reset.First();
        if (value.EndsWith("ms") && double.TryParse(value[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            pause = TimeSpan.FromMilliseconds(ms);
        else if (value.Split('m') is [var m, var s] && int.TryParse(m, out var minutes) && double.TryParse(s.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var sec))
            pause = TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(sec);
        else if (double.TryParse(value.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            pause = TimeSpan.FromSeconds(seconds);

        pause = TimeSpan.FromTicks(Math.Min(pause.Ticks, TimeSpan.FromMinutes(2).Ticks));
        return pause > TimeSpan.Zero;
    }
}
