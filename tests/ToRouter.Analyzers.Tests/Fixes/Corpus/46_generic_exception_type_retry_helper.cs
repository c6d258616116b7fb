// lang: latest
// expect: flagged
// shape: static async helper RetryOnExceptionAsync<T, TException>(int times, TimeSpan delay, Func<Task<T>>) with do { } while (true) whose catch (TException) rethrows once the count is reached and otherwise waits the same delay every time; the call site instantiates it with HttpRequestException around PostAsync + EnsureSuccessStatusCode.
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N46;

public static class RetryHelper
{
    /// <summary>
    /// Runs <paramref name="operation"/> and retries it when it throws <typeparamref name="TException"/>.
    /// </summary>
    public static async Task<T> RetryOnExceptionAsync<T, TException>(int times, TimeSpan delay, Func<Task<T>> operation)
        where TException : Exception
    {
        if (times <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(times));
        }

        var attempts = 0;
        do
        {
            try
            {
                attempts++;
                return await operation();
            }
            catch (TException ex)
            {
                if (attempts == times)
                {
                    throw;
                }

                Console.Error.WriteLine($"[retry] {typeof(TException).Name} on attempt {attempts}: {ex.Message}");
                await Task.Delay(delay);
            }
        }
        while (true);
    }
}

public class SlackDigestWriter
{
    private readonly HttpClient _http;

    public SlackDigestWriter(HttpClient http)
    {
        _http = http;
    }

    public Task<string> WriteDigestAsync(string channelDump)
    {
        var body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":" + Quote("Write a 5 bullet digest:\n" + channelDump) + "}]}";

        return RetryHelper.RetryOnExceptionAsync<string, HttpRequestException>(4, TimeSpan.FromSeconds(3), async () =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync("v1/chat/completions", content);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        });
    }

    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
