// lang: latest
// expect: quiet
// shape: server-sent-events reader: a single streaming POST, then while ((line = await reader.ReadLineAsync()) != null) parsing each data: chunk with JsonDocument and a catch (JsonException) that logs and continues to the next line; the request is never re-sent.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N79;

public sealed class GatewayStreamReader
{
    private readonly HttpClient _http;

    public GatewayStreamReader(HttpClient http) => _http = http;

    public async IAsyncEnumerable<string> StreamDeltasAsync(string requestJson, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(requestJson, Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();

        await using Stream stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);

        string? line;
        while ((line = await reader.ReadLineAsync(ct).ConfigureAwait(false)) != null)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            string data = line.Substring(5).Trim();
            if (data == "[DONE]")
            {
                yield break;
            }

            string? delta = null;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(data);
                JsonElement choices = doc.RootElement.GetProperty("choices");
                if (choices.GetArrayLength() > 0
                    && choices[0].TryGetProperty("delta", out JsonElement d)
                    && d.TryGetProperty("content", out JsonElement content)
                    && content.ValueKind == JsonValueKind.String)
                {
                    delta = content.GetString();
                }
            }
            catch (JsonException ex)
            {
                // Some proxies inject keep-alive comments or split frames; skip the bad frame.
                Console.Error.WriteLine($"skipping malformed SSE frame: {ex.Message}");
                continue;
            }
            catch (KeyNotFoundException)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(delta))
            {
                yield return delta;
            }
        }
    }
}
