// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework C# 7.3 async while (attempts++ < 4) loop posting to an OpenAI-compatible /v1/embeddings endpoint with HttpWebRequest.GetResponseAsync; catch (WebException we) when (we.Response is HttpWebResponse r && (int)r.StatusCode == 429) writes to Console and waits a constant Task.Delay(10000) without reading the error body, so sticky quota 429s are retried; throws a WebException after the loop
using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace Corpus.N184
{
    public class DocumentVectorizer
    {
        private readonly string _apiKey;
        private readonly string _baseUrl;

        public DocumentVectorizer(string apiKey, string baseUrl)
        {
            _apiKey = apiKey;
            _baseUrl = baseUrl.TrimEnd('/');
        }

        public async Task<string> CreateEmbeddingJsonAsync(string requestJson)
        {
            int attempts = 0;
            while (attempts++ < 4)
            {
                var request = (HttpWebRequest)WebRequest.Create(_baseUrl + "/v1/embeddings");
                request.Method = "POST";
                request.ContentType = "application/json";
                request.Headers[HttpRequestHeader.Authorization] = "Bearer " + _apiKey;

                byte[] payload = Encoding.UTF8.GetBytes(requestJson);
                using (Stream stream = await request.GetRequestStreamAsync().ConfigureAwait(false))
                {
                    await stream.WriteAsync(payload, 0, payload.Length).ConfigureAwait(false);
                }

                try
                {
                    using (var response = (HttpWebResponse)await request.GetResponseAsync().ConfigureAwait(false))
                    using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                    {
                        return await reader.ReadToEndAsync().ConfigureAwait(false);
                    }
                }
                catch (WebException we) when (we.Response is HttpWebResponse r && (int)r.StatusCode == 429)
                {
                    Console.WriteLine("429 from /v1/embeddings (attempt " + attempts + "), waiting 10 seconds");
                    await Task.Delay(10000).ConfigureAwait(false);
                }
            }

            throw new WebException("Gave up on /v1/embeddings after 4 attempts");
        }
    }
}
