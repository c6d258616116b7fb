// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework static generic Retry.Execute<T>(Func<T>) helper wrapped around WebClient.UploadString calls to the gateway, retrying WebExceptions whose HttpWebResponse is 429 or 503 in a while (true) bounded by the filter, with a linearly growing Thread.Sleep and no look at the body for sticky quota codes.
using System;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N236
{
    public static class Retry
    {
        public static int MaxTries = 5;
        public static int StepMilliseconds = 2000;

        public static T Execute<T>(Func<T> operation, string what)
        {
            if (operation == null) throw new ArgumentNullException("operation");

            int attempt = 0;
            while (true)
            {
                attempt++;
                try
                {
                    return operation();
                }
                catch (WebException ex) when (attempt < MaxTries
                                              && ex.Response is HttpWebResponse http
                                              && ((int)http.StatusCode == 429 || http.StatusCode == HttpStatusCode.ServiceUnavailable))
                {
                    int wait = attempt * StepMilliseconds;
                    Trace.TraceWarning("{0}: attempt {1} got {2}, waiting {3} ms", what, attempt, (int)http.StatusCode, wait);
                    Thread.Sleep(wait);
                }
            }
        }
    }

    public class CompletionGateway
    {
        private readonly string _baseUrl;
        private readonly string _apiKey;

        public CompletionGateway(string baseUrl, string apiKey)
        {
            _baseUrl = baseUrl.TrimEnd('/');
            _apiKey = apiKey;
        }

        public string Complete(string model, string prompt)
        {
            string payload = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                             + Escape(prompt) + "\"}]}";

            return Retry.Execute(() =>
            {
                using (var wc = new WebClient())
                {
                    wc.Encoding = Encoding.UTF8;
                    wc.Headers[HttpRequestHeader.ContentType] = "application/json";
                    wc.Headers[HttpRequestHeader.Authorization] = "Bearer " + _apiKey;
                    return wc.UploadString(_baseUrl + "/v1/chat/completions", payload);
                }
            }, "chat " + model);
        }

        private static string Escape(string s)
        {
            return s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n");
        }
    }
}
