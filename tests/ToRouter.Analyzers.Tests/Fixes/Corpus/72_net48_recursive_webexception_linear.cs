// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework synchronous recursive retry: PostJson(body, attempt) catches WebException without a filter around HttpWebRequest.GetResponse (so 4xx responses are retried too), rethrows once attempt reaches 3, and otherwise sleeps 1000 * (attempt + 1) ms and calls itself with attempt + 1.
using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Corpus.N72
{
    public class AssistantBridge
    {
        private const int MaxRetries = 3;
        private readonly string _url;
        private readonly string _key;

        public AssistantBridge(string url, string key)
        {
            _url = url;
            _key = key;
        }

        public string Ask(string question)
        {
            string body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}]}";
            return PostJson(body, 0);
        }

        private string PostJson(string body, int attempt)
        {
            try
            {
                HttpWebRequest req = (HttpWebRequest)WebRequest.Create(_url);
                req.Method = "POST";
                req.ContentType = "application/json; charset=utf-8";
                req.Headers[HttpRequestHeader.Authorization] = "Bearer " + _key;
                byte[] data = Encoding.UTF8.GetBytes(body);
                using (Stream s = req.GetRequestStream())
                {
                    s.Write(data, 0, data.Length);
                }

                using (WebResponse resp = req.GetResponse())
                using (StreamReader sr = new StreamReader(resp.GetResponseStream(), Encoding.UTF8))
                {
                    return sr.ReadToEnd();
                }
            }
            catch (WebException ex)
            {
                if (attempt >= MaxRetries)
                {
                    throw;
                }

                System.Diagnostics.Debug.WriteLine("Assistant call failed (" + ex.Status + "), retry " + (attempt + 1));
                Thread.Sleep(1000 * (attempt + 1));
                return PostJson(body, attempt + 1);
            }
        }
    }
}
