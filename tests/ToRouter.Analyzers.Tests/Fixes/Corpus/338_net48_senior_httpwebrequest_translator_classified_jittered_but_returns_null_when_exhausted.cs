// lang: 7.3 net48
// expect: flagged
// shape: Senior .NET Framework translator uses HttpWebRequest in a bounded for loop that rethrows sticky-quota and 4xx WebExceptions and sleeps jittered exponential delays (honouring Retry-After) for network/408/429/5xx failures, but after the last transient failure it only traces the error and returns null.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace Corpus.N338
{
    public class LegacyTranslator
    {
        private const int MaxAttempts = 5;
        private static readonly string[] StickyCodes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED" };
        private static readonly Regex ContentRegex = new Regex("\"content\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Compiled);

        [ThreadStatic] private static Random _rng;
        private static int _seed = Environment.TickCount;

        private readonly string _endpoint;
        private readonly string _apiKey;

        public LegacyTranslator(string endpoint, string apiKey)
        {
            _endpoint = endpoint.TrimEnd('/') + "/v1/chat/completions";
            _apiKey = apiKey;
        }

        /// <returns>The translated text, or null if the gateway could not be reached.</returns>
        public string Translate(string text, string targetLanguage)
        {
            string payload = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Translate to " +
                             targetLanguage + ". Output only the translation.\"},{\"role\":\"user\",\"content\":\"" +
                             JsonEscape(text) + "\"}]}";
            byte[] bytes = Encoding.UTF8.GetBytes(payload);
            string lastError = null;

            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                try
                {
                    var request = (HttpWebRequest)WebRequest.Create(_endpoint);
                    request.Method = "POST";
                    request.ContentType = "application/json";
                    request.Headers["Authorization"] = "Bearer " + _apiKey;
                    request.Timeout = 60000;
                    using (Stream body = request.GetRequestStream())
                    {
                        body.Write(bytes, 0, bytes.Length);
                    }

                    using (var response = (HttpWebResponse)request.GetResponse())
                    using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                    {
                        Match m = ContentRegex.Match(reader.ReadToEnd());
                        return m.Success ? Regex.Unescape(m.Groups[1].Value) : string.Empty;
                    }
                }
                catch (WebException ex)
                {
                    TimeSpan? retryAfter = null;
                    var errorResponse = ex.Response as HttpWebResponse;
                    if (errorResponse != null)
                    {
                        int status = (int)errorResponse.StatusCode;
                        string errorBody;
                        using (var reader = new StreamReader(errorResponse.GetResponseStream(), Encoding.UTF8))
                        {
                            errorBody = reader.ReadToEnd();
                        }

                        bool sticky = Array.Exists(StickyCodes, c => errorBody.IndexOf(c, StringComparison.Ordinal) >= 0);
                        if (sticky || !(status == 408 || status == 429 || status >= 500))
                        {
                            throw; // quota caps and client errors will not fix themselves
                        }

                        double seconds;
                        if (double.TryParse(errorResponse.Headers["Retry-After"], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
                        {
                            retryAfter = TimeSpan.FromSeconds(Math.Min(seconds, 30));
                        }
                    }

                    lastError = ex.Message;
                    Trace.TraceWarning("Translate attempt {0}/{1} failed: {2}", attempt, MaxAttempts, ex.Message);

                    if (attempt < MaxAttempts)
                    {
                        Thread.Sleep(NextDelay(attempt, retryAfter));
                    }
                }
            }

            Trace.TraceError("Translation to {0} failed after {1} attempts: {2}", targetLanguage, MaxAttempts, lastError);
            return null;
        }

        private static TimeSpan NextDelay(int attempt, TimeSpan? retryAfter)
        {
            if (_rng == null) _rng = new Random(Interlocked.Increment(ref _seed));
            double ms = _rng.NextDouble() * Math.Min(30000, 1000 * Math.Pow(2, attempt - 1));
            if (retryAfter.HasValue && retryAfter.Value.TotalMilliseconds > ms) ms = retryAfter.Value.TotalMilliseconds;
            return TimeSpan.FromMilliseconds(ms);
        }

        private static string JsonEscape(string s)
        {
            return s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
        }
    }
}
