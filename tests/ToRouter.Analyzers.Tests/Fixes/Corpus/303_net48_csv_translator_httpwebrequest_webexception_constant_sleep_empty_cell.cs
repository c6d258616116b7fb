// lang: 7.3 net48
// expect: flagged
// shape: a .NET Framework CSV localisation tool translates each cell through a synchronous HttpWebRequest loop that catches every WebException (GetResponse turns 400/401/404 and sticky 429 into WebException), sleeps a constant 3 s, and returns an empty string when the attempts run out, writing blank translations into the file.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace Corpus.N303
{
    public static class ResourceTranslator
    {
        private const int MaxAttempts = 5;
        private static readonly string GatewayUrl = Environment.GetEnvironmentVariable("TOROUTER_URL") ?? "https://gateway.internal";
        private static readonly string GatewayKey = Environment.GetEnvironmentVariable("TOROUTER_KEY");
        private static readonly Regex ContentRegex = new Regex("\"content\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Compiled);

        public static void TranslateFile(string csvPath, string targetLanguage)
        {
            var lines = File.ReadAllLines(csvPath, Encoding.UTF8);
            var output = new List<string>(lines.Length) { lines[0] + ";" + targetLanguage };

            for (int i = 1; i < lines.Length; i++)
            {
                var cells = lines[i].Split(';');
                var key = cells[0];
                var english = cells.Length > 1 ? cells[1] : string.Empty;

                var translated = english.Length == 0 ? string.Empty : Translate(english, targetLanguage);
                output.Add(lines[i] + ";" + translated.Replace(";", ","));
                Debug.WriteLine(key + " -> " + translated);
            }

            File.WriteAllLines(Path.ChangeExtension(csvPath, "." + targetLanguage + ".csv"), output, Encoding.UTF8);
        }

        private static string Translate(string text, string language)
        {
            var body = "{\"model\":\"gpt-4o-mini\",\"messages\":[" +
                       "{\"role\":\"system\",\"content\":\"Translate UI strings to " + language + ". Reply with the translation only.\"}," +
                       "{\"role\":\"user\",\"content\":\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}]}";
            var bytes = Encoding.UTF8.GetBytes(body);

            int attempts = 0;
            while (attempts < MaxAttempts)
            {
                try
                {
                    var request = (HttpWebRequest)WebRequest.Create(GatewayUrl + "/v1/chat/completions");
                    request.Method = "POST";
                    request.ContentType = "application/json";
                    request.Headers["Authorization"] = "Bearer " + GatewayKey;
                    request.Timeout = 60000;
                    using (var stream = request.GetRequestStream())
                    {
                        stream.Write(bytes, 0, bytes.Length);
                    }

                    using (var response = (HttpWebResponse)request.GetResponse())
                    using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                    {
                        var match = ContentRegex.Match(reader.ReadToEnd());
                        return match.Success ? Regex.Unescape(match.Groups[1].Value) : string.Empty;
                    }
                }
                catch (WebException ex)
                {
                    attempts++;
                    Trace.TraceWarning("Translate attempt {0} failed: {1}", attempts, ex.Message);
                    Thread.Sleep(3000);
                }
            }

            return string.Empty;
        }
    }
}
