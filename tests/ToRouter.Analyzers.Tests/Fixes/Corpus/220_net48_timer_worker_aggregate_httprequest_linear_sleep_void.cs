// lang: 7.3 net48
// expect: flagged
// shape: .NET Framework timer-driven worker pushes ticket embeddings with HttpClient .Result + EnsureSuccessStatusCode, retries any AggregateException wrapping HttpRequestException (so 400/401/403/404 too) with a linear Thread.Sleep, and just traces and returns when the attempts run out.
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;

namespace Corpus.N220
{
    public class TicketEmbeddingWorker : IDisposable
    {
        private const int MaxTries = 4;
        private readonly HttpClient _http;
        private readonly Timer _timer;
        private readonly ITicketSource _source;
        private int _busy;

        public TicketEmbeddingWorker(ITicketSource source, string gatewayUrl, string apiKey)
        {
            _source = source;
            _http = new HttpClient { BaseAddress = new Uri(gatewayUrl), Timeout = TimeSpan.FromSeconds(60) };
            _http.DefaultRequestHeaders.Add("Authorization", "Bearer " + apiKey);
            _timer = new Timer(OnTick, null, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        }

        private void OnTick(object state)
        {
            if (Interlocked.Exchange(ref _busy, 1) == 1) return;
            try
            {
                foreach (var ticket in _source.TakePending(50))
                {
                    PushEmbedding(ticket.Id, ticket.Body);
                }
            }
            finally
            {
                Interlocked.Exchange(ref _busy, 0);
            }
        }

        private void PushEmbedding(int ticketId, string body)
        {
            var payload = "{\"model\":\"text-embedding-3-small\",\"input\":\"" + Escape(body) + "\"}";

            for (int i = 1; i <= MaxTries; i++)
            {
                try
                {
                    using (var content = new StringContent(payload, Encoding.UTF8, "application/json"))
                    {
                        var response = _http.PostAsync("v1/embeddings", content).Result;
                        response.EnsureSuccessStatusCode();
                        var json = response.Content.ReadAsStringAsync().Result;
                        _source.SaveEmbedding(ticketId, json);
                        return;
                    }
                }
                catch (AggregateException ae) when (ae.InnerException is HttpRequestException)
                {
                    Trace.TraceWarning("Ticket {0}: embedding try {1} failed: {2}", ticketId, i, ae.InnerException.Message);
                    Thread.Sleep(1500 * i);
                }
            }

            Trace.TraceError("Ticket {0}: giving up on embedding after {1} tries", ticketId, MaxTries);
        }

        private static string Escape(string s)
        {
            return (s ?? string.Empty).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", " ").Replace("\n", " ");
        }

        public void Dispose()
        {
            _timer.Dispose();
            _http.Dispose();
        }
    }

    public interface ITicketSource
    {
        Ticket[] TakePending(int max);
        void SaveEmbedding(int ticketId, string embeddingJson);
    }

    public class Ticket
    {
        public int Id { get; set; }
        public string Body { get; set; }
    }
}
