// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework C# 7.3 synchronous while (retries < MaxRetries) loop posting to the Anthropic Messages REST endpoint with HttpWebRequest.GetResponse; the catch (WebException) body rethrows anything that is not 429/529, honours a retry-after header (else a constant 10 s) without reading the error body for sticky quota codes, and after the last retry returns string.Empty
using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N128
{
    public class ClaudeRestClient
    {
        private const int MaxRetries = 8;
        private const string Endpoint = "https://api.anthropic.com/v1/messages";
        private readonly string apiKey;

        public ClaudeRestClient(string apiKey)
        {
            this.apiKey = apiKey;
        }

        public string SendMessage(string requestJson)
        {
            int retries = 0;
            while (retries < MaxRetries)
            {
                var request = (HttpWebRequest)WebRequest.Create(Endpoint);
                request.Method = "POST";
                request.ContentType = "application/json";
                request.Headers.Add("x-api-key", apiKey);
                request.Headers.Add("anthropic-version", "2023-06-01");
                request.Timeout = 120000;

                byte[] bytes = Encoding.UTF8.GetBytes(requestJson);
                request.ContentLength = bytes.Length;

                try
                {
                    using (var stream = request.GetRequestStream())
                    {
                        stream.Write(bytes, 0, bytes.Length);
                    }
                    using (var response = (HttpWebResponse)request.GetResponse())
                    using (var reader = new StreamReader(response.GetResponseStream()))
                    {
                        return reader.ReadToEnd();
                    }
                }
                catch (WebException ex)
                {
                    var httpResponse = ex.Response as HttpWebResponse;
                    int status = httpResponse == null ? 0 : (int)httpResponse.StatusCode;
                    if (status != 429 && status != 529)
                    {
                        throw;
                    }

                    int waitSeconds = 10;
                    string header = httpResponse.Headers["retry-after"];
                    int parsed;
                    if (!string.IsNullOrEmpty(header) && int.TryParse(header, out parsed))
                    {
                        waitSeconds = parsed;
                    }

                    retries++;
                    Console.WriteLine("Claude busy ({0}), retry {1}/{2} in {3}s", status, retries, MaxRetries, waitSeconds);
                    Thread.Sleep(waitSeconds * 1000);
                }
            }

            return string.Empty;
        }
    }
}
