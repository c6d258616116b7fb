// lang: latest
// expect: flagged
// shape: a dedicated background thread drains a BlockingCollection and, per transcript, loops for (;;) around PostAsync(...).Wait(20s), retrying timeouts, every non-success status and any AggregateException with a constant Thread.Sleep and no attempt bound.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N251
{
    public sealed class TranscriptEmbeddingUploader : IDisposable
    {
        private readonly BlockingCollection<string> _queue = new BlockingCollection<string>(boundedCapacity: 500);
        private readonly HttpClient _http;
        private readonly Thread _worker;
        private readonly Action<string, string> _store;

        public TranscriptEmbeddingUploader(HttpClient http, Action<string, string> store)
        {
            _http = http;
            _store = store;
            _worker = new Thread(Run) { IsBackground = true, Name = "embedding-uploader" };
            _worker.Start();
        }

        public void Enqueue(string transcript) => _queue.Add(transcript);

        private void Run()
        {
            foreach (var transcript in _queue.GetConsumingEnumerable())
            {
                var sw = Stopwatch.StartNew();
                int attempt = 0;

                for (;;)
                {
                    attempt++;
                    var payload = JsonSerializer.Serialize(new { model = "text-embedding-3-small", input = transcript });
                    Task<HttpResponseMessage> call = _http.PostAsync("v1/embeddings",
                        new StringContent(payload, Encoding.UTF8, "application/json"));

                    try
                    {
                        if (!call.Wait(TimeSpan.FromSeconds(20)))
                        {
                            Debug.WriteLine($"embeddings call still running after 20s (attempt {attempt}), firing another one");
                            continue;
                        }

                        using (var response = call.Result)
                        {
                            if (response.IsSuccessStatusCode)
                            {
                                _store(transcript, response.Content.ReadAsStringAsync().Result);
                                break;
                            }

                            Debug.WriteLine($"embeddings returned {(int)response.StatusCode} on attempt {attempt}");
                        }
                    }
                    catch (AggregateException ex)
                    {
                        Debug.WriteLine($"embeddings failed on attempt {attempt}: {ex.GetBaseException().Message}");
                    }

                    Thread.Sleep(3000);
                }

                Debug.WriteLine($"transcript embedded in {sw.Elapsed.TotalSeconds:F1}s after {attempt} attempt(s)");
            }
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _worker.Join(TimeSpan.FromSeconds(5));
            _queue.Dispose();
        }
    }
}
