// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework C# 7.3 synchronous for (attempt = 1; ; attempt++) around HttpWebRequest.GetResponse posting a chat request; catch (WebException ex) is correctly narrowed to connection-level WebExceptionStatus values (Timeout, ConnectFailure, NameResolutionFailure, ConnectionClosed) and rethrows on the last attempt, but every retry waits a constant Thread.Sleep(2000) (no growth, no jitter)
using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N200
{
    public class LegacyGatewayClient
    {
        private const int MaxAttempts = 4;

        private readonly string _baseUrl;
        private readonly string _apiKey;

        public LegacyGatewayClient(string baseUrl, string apiKey)
        {
            _baseUrl = baseUrl.TrimEnd('/');
            _apiKey = apiKey;
        }

        /// <summary>Returns the raw JSON of the chat completion; callers deserialize it with their own DTOs.</summary>
        public string CompleteRaw(string model, string prompt)
        {
            string body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + Escape(prompt) + "\"}]}";
            byte[] bytes = Encoding.UTF8.GetBytes(body);

            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    var request = (HttpWebRequest)WebRequest.Create(_baseUrl + "/v1/chat/completions");
                    request.Method = "POST";
                    request.ContentType = "application/json";
                    request.Headers[HttpRequestHeader.Authorization] = "Bearer " + _apiKey;
                    request.Timeout = 60000;
                    request.ContentLength = bytes.Length;

                    using (Stream stream = request.GetRequestStream())
                    {
                        stream.Write(bytes, 0, bytes.Length);
                    }

                    using (var response = (HttpWebResponse)request.GetResponse())
                    using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                    {
                        return reader.ReadToEnd();
                    }
                }
                catch (WebException ex) when (ex.Status == WebExceptionStatus.Timeout
                                              || ex.Status == WebExceptionStatus.ConnectFailure
                                              || ex.Status == WebExceptionStatus.NameResolutionFailure
                                              || ex.Status == WebExceptionStatus.ConnectionClosed)
                {
                    Trace.TraceWarning("Gateway not reachable ({0}), attempt {1} of {2}", ex.Status, attempt, MaxAttempts);
                    if (attempt >= MaxAttempts)
                        throw;

                    Thread.Sleep(2000);
                }
            }
        }

        private static string Escape(string s)
        {
            return s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
        }
    }
}
