// lang: 7.3 net48
// expect: flagged
// shape: Legacy .NET Framework helper POSTs to /v1/chat/completions with HttpWebRequest and, on a WebException carrying 429 or 5xx, sleeps 2^retry seconds and tries again (other statuses rethrow), so sticky quota 429s are retried and the backoff has no jitter.
using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N281
{
    public static class LlmGateway
    {
        private const int MaxRetries = 4;

        public static string Endpoint = "https://gateway.example.com/v1/chat/completions";
        public static string ApiKey = Environment.GetEnvironmentVariable("TOROUTER_API_KEY");

        // Copied from an "exponential backoff for OpenAI in C#" answer and adapted for our gateway.
        public static string PostChatCompletion(string jsonBody)
        {
            int retry = 0;
            while (true)
            {
                try
                {
                    var request = (HttpWebRequest)WebRequest.Create(Endpoint);
                    request.Method = "POST";
                    request.ContentType = "application/json";
                    request.Headers.Add("Authorization", "Bearer " + ApiKey);
                    request.Timeout = 120000;

                    byte[] bytes = Encoding.UTF8.GetBytes(jsonBody);
                    request.ContentLength = bytes.Length;
                    using (Stream body = request.GetRequestStream())
                    {
                        body.Write(bytes, 0, bytes.Length);
                    }

                    using (var response = (HttpWebResponse)request.GetResponse())
                    using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                    {
                        return reader.ReadToEnd();
                    }
                }
                catch (WebException ex)
                {
                    var httpResponse = ex.Response as HttpWebResponse;
                    int status = httpResponse == null ? 0 : (int)httpResponse.StatusCode;

                    bool transient = status == 429 || status >= 500;
                    if (!transient || retry >= MaxRetries)
                    {
                        Trace.TraceError("Chat completion failed with status {0}: {1}", status, ex.Message);
                        throw;
                    }

                    int waitMs = (int)Math.Pow(2, retry) * 1000; // 1s, 2s, 4s, 8s
                    Trace.TraceWarning("Gateway returned {0}, retry {1}/{2} in {3} ms", status, retry + 1, MaxRetries, waitMs);
                    if (httpResponse != null)
                    {
                        httpResponse.Close();
                    }
                    Thread.Sleep(waitMs);
                    retry++;
                }
            }
        }
    }
}
