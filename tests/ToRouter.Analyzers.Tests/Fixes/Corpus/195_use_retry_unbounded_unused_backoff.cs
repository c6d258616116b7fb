// lang: latest
// expect: flagged
// shape: static UseRetry(Func<Task<HttpResponseMessage>>) helper with while (true): catch (Exception ex) writes to Console.Error, a retryAfterSeconds variable is doubled but never waited on, and the loop returns as soon as any response comes back; a failing send is re-sent immediately and forever (no attempt bound, no delay, every exception kind)
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace Corpus.N195
{
    public static class XRetry
    {
        public static async Task<HttpResponseMessage> UseRetry(Func<Task<HttpResponseMessage>> func)
        {
            var retryAfterSeconds = 15;
            HttpResponseMessage responseMessage = null;
            while (true)
            {
                try
                {
                    responseMessage = await func();
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                }
                retryAfterSeconds *= 2;
                if (responseMessage != null)
                    return responseMessage;
            }
        }
    }

    public class EmbeddingsApi
    {
        private readonly HttpClient _http;

        public EmbeddingsApi(HttpClient http) => _http = http;

        public async Task<float[]> EmbedAsync(string input)
        {
            var response = await XRetry.UseRetry(() =>
                _http.PostAsJsonAsync("v1/embeddings", new { model = "text-embedding-3-small", input }));

            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsStringAsync();
                throw new HttpRequestException($"Embedding request failed ({(int)response.StatusCode}): {error}");
            }

            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var data = doc.RootElement.GetProperty("data")[0].GetProperty("embedding");
            var vector = new float[data.GetArrayLength()];
            var i = 0;
            foreach (var value in data.EnumerateArray())
                vector[i++] = value.GetSingle();
            return vector;
        }
    }
}
