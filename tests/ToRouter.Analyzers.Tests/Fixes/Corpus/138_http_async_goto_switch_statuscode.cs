// lang: latest
// expect: flagged
// shape: async goto-label retry over HttpClient.PostAsync with a switch statement on response.StatusCode: OK returns, TooManyRequests and ServiceUnavailable share a case that re-sends after a constant 2 s wait while ++tries < 4 (no sticky-code check), other statuses throw
using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N138
{
    public static class EmbeddingsRest
    {
        public static async Task<string> EmbedRawAsync(HttpClient http, string input)
        {
            var json = "{\"model\":\"text-embedding-3-large\",\"input\":" + System.Text.Json.JsonSerializer.Serialize(input) + "}";
            int tries = 0;

        send:
            using (var content = new StringContent(json, Encoding.UTF8, "application/json"))
            using (var response = await http.PostAsync("v1/embeddings", content))
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        return await response.Content.ReadAsStringAsync();

                    case HttpStatusCode.TooManyRequests:
                    case HttpStatusCode.ServiceUnavailable:
                        if (++tries < 4)
                        {
                            await Task.Delay(2000);
                            goto send;
                        }
                        throw new HttpRequestException($"embeddings still unavailable after {tries} tries ({response.StatusCode})");

                    default:
                        var error = await response.Content.ReadAsStringAsync();
                        throw new HttpRequestException($"embeddings failed: {(int)response.StatusCode} {error}");
                }
            }
        }
    }
}
