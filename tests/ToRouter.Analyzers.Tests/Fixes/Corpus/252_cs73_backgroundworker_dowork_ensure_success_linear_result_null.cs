// lang: 7.3
// expect: flagged
// shape: a BackgroundWorker DoWork handler retries a blocking PostAsync+EnsureSuccessStatusCode under an unfiltered catch (HttpRequestException) with a linearly growing Thread.Sleep and, when every attempt fails, just leaves e.Result null.
using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N252
{
    public sealed class SummaryRequest
    {
        public string DocumentId { get; set; }
        public string Text { get; set; }
    }

    /// <summary>Desktop-era job runner; progress is shown in the status bar of the main form.</summary>
    public class SummaryBackgroundJob
    {
        private const int MaxAttempts = 4;
        private static readonly HttpClient Http = new HttpClient { BaseAddress = new Uri("http://llm-gw:8080/") };
        private readonly BackgroundWorker _worker;

        public event EventHandler<string> SummaryReady;

        public SummaryBackgroundJob()
        {
            _worker = new BackgroundWorker { WorkerReportsProgress = true, WorkerSupportsCancellation = true };
            _worker.DoWork += OnDoWork;
            _worker.RunWorkerCompleted += OnCompleted;
        }

        public void Start(SummaryRequest request)
        {
            if (!_worker.IsBusy)
                _worker.RunWorkerAsync(request);
        }

        private void OnDoWork(object sender, DoWorkEventArgs e)
        {
            var request = (SummaryRequest)e.Argument;
            var worker = (BackgroundWorker)sender;
            string summary = null;

            for (int attempt = 1; attempt <= MaxAttempts && !worker.CancellationPending; attempt++)
            {
                worker.ReportProgress(attempt * 100 / MaxAttempts, "Requesting summary (attempt " + attempt + ")");
                try
                {
                    string json = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
                                  + System.Text.Json.JsonSerializer.Serialize("Summarize:\n" + request.Text) + "}]}";
                    using (var content = new StringContent(json, Encoding.UTF8, "application/json"))
                    using (var response = Http.PostAsync("v1/chat/completions", content).GetAwaiter().GetResult())
                    {
                        response.EnsureSuccessStatusCode();
                        summary = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                        break;
                    }
                }
                catch (HttpRequestException ex)
                {
                    Trace.WriteLine(string.Format("[{0}] summary for {1} failed: {2}", DateTime.Now, request.DocumentId, ex.Message));
                    Thread.Sleep(attempt * 1500);
                }
            }

            e.Result = summary;
        }

        private void OnCompleted(object sender, RunWorkerCompletedEventArgs e)
        {
            var summary = e.Result as string;
            if (summary != null && SummaryReady != null)
                SummaryReady(this, summary);
        }
    }
}
