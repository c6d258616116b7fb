// lang: 7.3 net48
// expect: flagged
// shape: a .NET Framework HttpWebRequest helper for an Anthropic-style /v1/messages endpoint calls itself again from its catch on 429 or 5xx (bounded by a retry counter) after Thread.Sleep(1000 << attempt), never reading the body for sticky quota codes and with no jitter.
using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N255
{
    internal static class ClaudeRestClient
    {
        private const string MessagesUrl = "https://llm-gw.corp.local/anthropic/v1/messages";
        private const int MaxRetries = 4;

        public static string CreateMessage(string apiKey, string requestJson)
        {
            return Send(apiKey, requestJson, 0);
        }

        private static string Send(string apiKey, string json, int attempt)
        {
            var request = (HttpWebRequest)WebRequest.Create(MessagesUrl);
            request.Method = "POST";
            request.ContentType = "application/json";
            request.Timeout = 120000;
            request.Headers.Add("x-api-key", apiKey);
            request.Headers.Add("anthropic-version", "2023-06-01");

            byte[] bytes = Encoding.UTF8.GetBytes(json);
            request.ContentLength = bytes.Length;
            using (Stream body = request.GetRequestStream())
            {
                body.Write(bytes, 0, bytes.Length);
            }

            try
            {
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
                if (httpResponse != null)
                    httpResponse.Close();

                bool transient = status == 429 || status >= 500;
                if (!transient || attempt >= MaxRetries)
                    throw;

                int delayMs = 1000 << attempt;   // 1s, 2s, 4s, 8s
                Trace.TraceWarning("Claude call returned {0}; retry {1}/{2} in {3} ms", status, attempt + 1, MaxRetries, delayMs);
                Thread.Sleep(delayMs);
                return Send(apiKey, json, attempt + 1);
            }
        }
    }
}
