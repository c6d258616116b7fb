// lang: latest
// expect: flagged
// shape: while (!success && attempts < maxAttempts) loop with a success flag around PostAsync + EnsureSuccessStatusCode; an unfiltered catch (HttpRequestException ex) increments attempts, logs through a hand-written static AppLogger.Warn(ex, ...) and waits a constant 2 s; throws when the flag is still false after the loop.
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N87;

internal static class AppLogger
{
    public static void Warn(Exception ex, string message) =>
        Console.Error.WriteLine($"[WARN] {DateTime.UtcNow:O} {message}: {ex.GetType().Name}: {ex.Message}");

    public static void Info(string message) =>
        Console.WriteLine($"[INFO] {DateTime.UtcNow:O} {message}");
}

public class GatewayChatService
{
    private readonly HttpClient _http;
    private readonly int _maxAttempts = 4;

    public GatewayChatService(HttpClient http)
    {
        _http = http;
    }

    public async Task<string> ChatAsync(string userMessage)
    {
        string payload = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userMessage.Replace("\"", "\\\"") + "\"}]}";

        bool success = false;
        int attempts = 0;
        string body = null;

        while (!success && attempts < _maxAttempts)
        {
            try
            {
                using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await _http.PostAsync("v1/chat/completions", content);
                response.EnsureSuccessStatusCode();
                body = await response.Content.ReadAsStringAsync();
                success = true;
                AppLogger.Info($"chat completed after {attempts + 1} attempt(s)");
            }
            catch (HttpRequestException ex)
            {
                attempts++;
                AppLogger.Warn(ex, $"chat request failed (attempt {attempts} of {_maxAttempts})");
                await Task.Delay(2000);
            }
        }

        if (!success)
        {
            throw new InvalidOperationException($"Chat request failed after {_maxAttempts} attempts.");
        }

        return body;
    }
}
