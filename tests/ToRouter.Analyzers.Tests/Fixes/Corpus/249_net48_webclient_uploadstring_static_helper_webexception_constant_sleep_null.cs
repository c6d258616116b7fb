// lang: 7.3 net48
// expect: flagged
// shape: a static WebClient helper makes five UploadString attempts against /v1/chat/completions, retrying on any WebException (401/400 and sticky quota 429s included) with a constant Thread.Sleep and returns null once the attempts run out.
using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N249
{
    /// <summary>
    /// Old helper used by the ticket-export tool and the nightly report job.
    /// Talks to the internal OpenAI-compatible gateway without any SDK.
    /// </summary>
    internal static class LegacyCompletionHelper
    {
        private const string Endpoint = "https://llm-gateway.corp.local/v1/chat/completions";
        private const int MaxTries = 5;

        public static string GetCompletionJson(string apiKey, string model, string prompt)
        {
            string payload = "{\"model\":\"" + JsonEscape(model) + "\",\"temperature\":0.2,"
                           + "\"messages\":[{\"role\":\"user\",\"content\":\"" + JsonEscape(prompt) + "\"}]}";
            string lastError = null;
            var watch = Stopwatch.StartNew();

            for (int i = 0; i < MaxTries; i++)
            {
                using (var wc = new WebClient())
                {
                    wc.Encoding = Encoding.UTF8;
                    wc.Headers[HttpRequestHeader.ContentType] = "application/json";
                    wc.Headers[HttpRequestHeader.Authorization] = "Bearer " + apiKey;

                    try
                    {
                        string json = wc.UploadString(Endpoint, "POST", payload);
                        Trace.TraceInformation("completion ok after {0} tries ({1} ms)", i + 1, watch.ElapsedMilliseconds);
                        return json;
                    }
                    catch (WebException ex)
                    {
                        lastError = ReadErrorBody(ex);
                        Trace.TraceWarning("gateway call {0}/{1} failed: {2} {3}", i + 1, MaxTries, ex.Status, lastError);
                        // give the gateway a moment before trying again
                        Thread.Sleep(2000);
                    }
                }
            }

            Trace.TraceError("giving up on completion after {0} ms: {1}", watch.ElapsedMilliseconds, lastError);
            return null;
        }

        private static string ReadErrorBody(WebException ex)
        {
            var response = ex.Response as HttpWebResponse;
            if (response == null)
                return ex.Message;

            using (response)
            using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
            {
                return ((int)response.StatusCode) + " " + reader.ReadToEnd();
            }
        }

        private static string JsonEscape(string value)
        {
            if (string.IsNullOrEmpty(value))
                return string.Empty;

            var sb = new StringBuilder(value.Length + 16);
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ') sb.AppendFormat("\\u{0:x4}", (int)c);
                        else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
