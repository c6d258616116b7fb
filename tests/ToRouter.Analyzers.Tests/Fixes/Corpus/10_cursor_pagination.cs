// lang: latest
// expect: quiet
// shape: do-while pagination over a list endpoint following an 'after' cursor while has_more is true, with EnsureSuccessStatusCode on every page and no retry of failures.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N10
{
    public sealed class FileListing
    {
        [JsonPropertyName("data")] public List<FileEntry> Data { get; set; } = new();
        [JsonPropertyName("has_more")] public bool HasMore { get; set; }
        [JsonPropertyName("last_id")] public string LastId { get; set; }
    }

    public sealed class FileEntry
    {
        [JsonPropertyName("id")] public string Id { get; set; }
        [JsonPropertyName("filename")] public string FileName { get; set; }
        [JsonPropertyName("bytes")] public long Bytes { get; set; }
    }

    public class FileInventory
    {
        private readonly HttpClient _http;

        public FileInventory(HttpClient http) => _http = http;

        public async Task<IReadOnlyList<FileEntry>> ListAllAsync(CancellationToken ct = default)
        {
            var all = new List<FileEntry>();
            string after = null;
            FileListing page;

            do
            {
                var url = after is null ? "v1/files?limit=100" : $"v1/files?limit=100&after={Uri.EscapeDataString(after)}";
                using var response = await _http.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();

                var json = await response.Content.ReadAsStringAsync(ct);
                page = JsonSerializer.Deserialize<FileListing>(json) ?? new FileListing();
                all.AddRange(page.Data);
                after = page.LastId;
            }
            while (page.HasMore && after != null);

            return all;
        }
    }
}
