// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework synchronous for loop around HttpWebRequest.GetResponse with an unfiltered catch (WebException) that Thread.Sleeps a constant 3 s, returning null after the last attempt.
using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N23
{
    public class CompletionRequester
    {
        private const int MaxAttempts = 3;
        private readonly string _endpoint;
        private readonly string _apiKey;

        public CompletionRequester(string endpoint, string apiKey)
        {
            _endpoint = endpoint;
            _apiKey = apiKey;
        }

        public string Complete(string jsonBody)
        {
            byte[] payload = Encoding.UTF8.GetBytes(jsonBody);

            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                try
                {
                    var req = (HttpWebRequest)WebRequest.Create(_endpoint + "/v1/chat/completions");
                    req.Method = "POST";
                    req.ContentType = "application/json";
                    req.Headers["Authorization"] = "Bearer " + _apiKey;
                    req.Timeout = 60000;
                    using (Stream requestStream = req.GetRequestStream())
                    {
                        requestStream.Write(payload, 0, payload.Length);
                    }

                    using (var resp = (HttpWebResponse)req.GetResponse())
                    using (var reader = new StreamReader(resp.GetResponseStream(), Encoding.UTF8))
                    {
                        return reader.ReadToEnd();
                    }
                }
                catch (WebException ex)
                {
                    Trace.TraceWarning("LLM request failed on attempt {0}: {1} ({2})", attempt + 1, ex.Message, ex.Status);
                    Thread.Sleep(3000);
                }
            }

            return null;
        }
    }
}
