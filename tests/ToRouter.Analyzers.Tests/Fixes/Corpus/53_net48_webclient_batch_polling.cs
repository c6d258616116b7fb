// lang: 7.3 net48
// expect: quiet
// shape: .NET Framework synchronous polling loop with WebClient.DownloadString that checks a batch job's status every 15 s until it reaches completed/failed/expired or a Stopwatch deadline passes; every successful poll continues the loop and errors propagate.
using System;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;

namespace Corpus.N53
{
    public sealed class BatchJobWatcher
    {
        private static readonly Regex StatusPattern = new Regex("\"status\"\\s*:\\s*\"(?<s>[a-z_]+)\"", RegexOptions.Compiled);
        private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

        private readonly string _baseUrl;
        private readonly string _apiKey;

        public BatchJobWatcher(string baseUrl, string apiKey)
        {
            _baseUrl = baseUrl.TrimEnd('/');
            _apiKey = apiKey;
        }

        public string WaitForCompletion(string batchId, TimeSpan timeout)
        {
            Stopwatch clock = Stopwatch.StartNew();
            using (var web = new WebClient())
            {
                web.Headers[HttpRequestHeader.Authorization] = "Bearer " + _apiKey;

                while (true)
                {
                    string json = web.DownloadString(_baseUrl + "/v1/batches/" + batchId);
                    Match m = StatusPattern.Match(json);
                    string status = m.Success ? m.Groups["s"].Value : "unknown";
                    Trace.TraceInformation("batch {0}: {1} after {2:0}s", batchId, status, clock.Elapsed.TotalSeconds);

                    if (status == "completed" || status == "failed" || status == "expired" || status == "cancelled")
                    {
                        return status;
                    }

                    if (clock.Elapsed > timeout)
                    {
                        throw new TimeoutException("Batch " + batchId + " still '" + status + "' after " + timeout + ".");
                    }

                    Thread.Sleep(PollInterval);
                }
            }
        }
    }
}
