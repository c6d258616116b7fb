// lang: latest
// expect: quiet
// shape: a dedicated background thread probes the gateway's /v1/models every interval with while (!_stop.WaitOne(interval)), recording health and counting failures; it keeps looping after success, so it is a monitor loop, not a retry loop.
#nullable enable
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.N256
{
    public sealed class GatewayHealthProbe : IDisposable
    {
        private readonly HttpClient _http;
        private readonly TimeSpan _interval;
        private readonly ManualResetEvent _stop = new ManualResetEvent(false);
        private readonly Thread _thread;
        private volatile bool _healthy = true;
        private long _lastCheckedTicks;

        public GatewayHealthProbe(HttpClient http, TimeSpan interval)
        {
            _http = http;
            _interval = interval;
            _thread = new Thread(ProbeLoop) { IsBackground = true, Name = "gateway-health" };
        }

        public bool IsHealthy => _healthy;

        public DateTime LastCheckedUtc => new DateTime(Interlocked.Read(ref _lastCheckedTicks), DateTimeKind.Utc);

        public event Action<bool>? HealthChanged;

        public void Start() => _thread.Start();

        private void ProbeLoop()
        {
            int consecutiveFailures = 0;

            while (!_stop.WaitOne(_interval))
            {
                var sw = Stopwatch.StartNew();
                bool healthy;
                try
                {
                    using var response = _http.GetAsync("v1/models").GetAwaiter().GetResult();
                    healthy = response.IsSuccessStatusCode;
                    Trace.WriteLine($"health probe: {(int)response.StatusCode} in {sw.ElapsedMilliseconds} ms");
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException)
                {
                    healthy = false;
                    Trace.WriteLine($"health probe failed after {sw.ElapsedMilliseconds} ms: {ex.Message}");
                }

                consecutiveFailures = healthy ? 0 : consecutiveFailures + 1;
                if (consecutiveFailures == 3)
                    Trace.TraceError("gateway unhealthy for 3 consecutive probes");

                Interlocked.Exchange(ref _lastCheckedTicks, DateTime.UtcNow.Ticks);
                if (healthy != _healthy)
                {
                    _healthy = healthy;
                    HealthChanged?.Invoke(healthy);
                }
            }
        }

        public void Dispose()
        {
            _stop.Set();
            if (_thread.IsAlive)
                _thread.Join(TimeSpan.FromSeconds(2));
            _stop.Dispose();
        }
    }
}
