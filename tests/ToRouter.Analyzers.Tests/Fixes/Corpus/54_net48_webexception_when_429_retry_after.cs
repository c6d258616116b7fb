// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework synchronous for loop around HttpWebRequest.GetResponse with catch (WebException we) when (we.Response is HttpWebResponse r && (int)r.StatusCode == 429 && tries remain) that parses Retry-After by hand and Thread.Sleeps for it, never reading the error body for a sticky quota code.
using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N54
{
    public class LegacyCompletionClient
    {
        private const int MaxAttempts = 5;
        private const int DefaultWaitSeconds = 5;
        private readonly Uri _endpoint;
        private readonly string _apiKey;

        public LegacyCompletionClient(Uri endpoint, string apiKey)
        {
            _endpoint = endpoint;
            _apiKey = apiKey;
        }

        public string Complete(string requestJson)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(requestJson);

            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var request = (HttpWebRequest)WebRequest.Create(new Uri(_endpoint, "v1/chat/completions"));
                request.Method = "POST";
                request.ContentType = "application/json";
                request.Headers.Add("Authorization", "Bearer " + _apiKey);
                request.ContentLength = bytes.Length;

                try
                {
                    using (Stream body = request.GetRequestStream())
                    {
                        body.Write(bytes, 0, bytes.Length);
                    }

                    using (var response = (HttpWebResponse)request.GetResponse())
                    using (var reader = new StreamReader(response.GetResponseStream()))
                    {
                        return reader.ReadToEnd();
                    }
                }
                catch (WebException we) when (we.Response is HttpWebResponse r && (int)r.StatusCode == 429 && attempt < MaxAttempts)
                {
                    int waitSeconds;
                    string header = r.Headers["Retry-After"];
                    if (string.IsNullOrEmpty(header) || !int.TryParse(header, out waitSeconds))
                    {
                        waitSeconds = DefaultWaitSeconds;
                    }

                    r.Close();
                    Console.WriteLine("Throttled, sleeping " + waitSeconds + "s (attempt " + attempt + ")");
                    Thread.Sleep(TimeSpan.FromSeconds(waitSeconds));
                }
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
