// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework synchronous do-while (retryCount < MaxRetries) around WebClient.UploadString; catch (WebException ex) checks whether the HttpWebResponse status is 429, then Thread.Sleep(retryCount * 1000) (linear) and loops, never reading the error body for a sticky quota code; other failures are rethrown and the loop throws after the last retry.
using System;
using System.Net;
using System.Threading;

namespace Corpus.N99
{
    public class ReportNarrativeClient
    {
        private const int MaxRetries = 5;
        private readonly string _baseUrl;
        private readonly string _apiKey;

        public ReportNarrativeClient(string baseUrl, string apiKey)
        {
            _baseUrl = baseUrl;
            _apiKey = apiKey;
        }

        public string WriteNarrative(string figuresJson)
        {
            string payload = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":" + figuresJson + "}]}";
            int retryCount = 0;

            do
            {
                try
                {
                    using (var wc = new WebClient())
                    {
                        wc.Headers[HttpRequestHeader.ContentType] = "application/json";
                        wc.Headers[HttpRequestHeader.Authorization] = "Bearer " + _apiKey;
                        return wc.UploadString(_baseUrl + "/v1/chat/completions", "POST", payload);
                    }
                }
                catch (WebException ex)
                {
                    var httpResponse = ex.Response as HttpWebResponse;
                    if (httpResponse == null || (int)httpResponse.StatusCode != 429)
                    {
                        throw;
                    }

                    retryCount++;
                    Console.WriteLine("Too many requests, backing off (" + retryCount + ")");
                    Thread.Sleep(retryCount * 1000);
                }
            }
            while (retryCount < MaxRetries);

            throw new WebException("Rate limited after " + MaxRetries + " retries.");
        }
    }
}
