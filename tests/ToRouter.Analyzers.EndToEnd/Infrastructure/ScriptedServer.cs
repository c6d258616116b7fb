using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ToRouter.Analyzers.EndToEnd.Infrastructure
{
    /// <summary>One clock for the server's arrival stamps and the runner's cancel/complete stamps.</summary>
    public static class Clock
    {
        private static readonly Stopwatch s_watch = Stopwatch.StartNew();

        /// <summary>Milliseconds since the test process started the clock.</summary>
        public static double NowMs => s_watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>A request as the server saw it.</summary>
    public sealed class RecordedRequest
    {
        public int Index { get; init; }
        public string Method { get; init; }
        /// <summary>Path and query, as sent on the request line.</summary>
        public string Path { get; init; }
        public IReadOnlyDictionary<string, string> Headers { get; init; }
        public string Body { get; init; }
        /// <summary><see cref="Clock.NowMs"/> when the request head had been read.</summary>
        public double ArrivedMs { get; init; }
        /// <summary>What the server did with it (e.g. "429 API_KEY_QUOTA_EXHAUSTED", "drop", "held (cap)").</summary>
        public string Answer { get; init; }
        /// <summary>True when the request came after the script's cap and was held without an answer.</summary>
        public bool Held { get; init; }

        public override string ToString() => $"#{Index} {Method} {Path} @{ArrivedMs:F0}ms -> {Answer}";
    }

    /// <summary>
    /// The responses one test plays: a queue whose last entry repeats, and a cap on how many requests get
    /// an answer at all. A request past the cap is held open without an answer (and <see cref="ScriptedServer.CapReached"/>
    /// completes): that is how a loop that never gives up is stopped without letting it spin.
    /// </summary>
    public sealed class Script
    {
        public Script(IEnumerable<ScriptedResponse> responses, int cap = 8)
        {
            Responses = responses.ToArray();
            if (Responses.Count == 0)
            {
                throw new ArgumentException("A script needs at least one response.", nameof(responses));
            }

            if (cap < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(cap));
            }

            Cap = cap;
        }

        public IReadOnlyList<ScriptedResponse> Responses { get; }

        /// <summary>Requests after this many are held, not answered.</summary>
        public int Cap { get; }

        public ScriptedResponse For(int index) => Responses[Math.Min(index, Responses.Count - 1)];

        public override string ToString() => string.Join(", ", Responses.Select(r => r.Label)) + " (last repeats)";
    }

    /// <summary>
    /// A ToRouter-compatible HTTP/1.1 server on 127.0.0.1 and a free port, answering from a <see cref="Script"/>
    /// and recording every request. Every response carries <c>Connection: close</c> and the connection is
    /// closed after it, so each attempt is its own connection (HttpClient never silently re-sends a request
    /// on a fresh connection after a drop on a reused one, which would blur the attempt count).
    /// </summary>
    public sealed class ScriptedServer : IAsyncDisposable
    {
        private const int MaxHeadBytes = 64 * 1024;
        private const int MaxBodyBytes = 4 * 1024 * 1024;

        /// <summary>Servers left running as tarpits because code under test was still calling them; never collected.</summary>
        private static readonly ConcurrentBag<object> s_keepAlive = new();

        private readonly Script _script;
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _lifetime = new();
        private readonly object _gate = new();
        private readonly List<RecordedRequest> _requests = new();
        private readonly TaskCompletionSource<bool> _capReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource<bool> Signal)> _waiters = new();
        private readonly Task _acceptLoop;
        private int _nextIndex;
        private volatile bool _holdEverything;

        private ScriptedServer(Script script)
        {
            _script = script;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public static ScriptedServer Start(Script script) => new(script ?? throw new ArgumentNullException(nameof(script)));

        public int Port { get; }

        /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
        public string BaseUrl => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        public Script Script => _script;

        /// <summary>Called (on the connection's task) for every request, after it was recorded.</summary>
        public Action<RecordedRequest> OnRequest { get; set; }

        /// <summary>Completes when a request beyond the script's cap arrived.</summary>
        public Task CapReached => _capReached.Task;

        /// <summary>All recorded requests, held ones included, in arrival order.</summary>
        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_gate)
                {
                    return _requests.OrderBy(r => r.Index).ToArray();
                }
            }
        }

        /// <summary>Requests that got an answer (a response or a drop).</summary>
        public IReadOnlyList<RecordedRequest> Answered => Requests.Where(r => !r.Held).ToArray();

        /// <summary>Waits until at least <paramref name="count"/> requests were recorded, or the timeout.</summary>
        public async Task<bool> WaitForRequestsAsync(int count, TimeSpan timeout)
        {
            TaskCompletionSource<bool> signal;
            lock (_gate)
            {
                if (_requests.Count >= count)
                {
                    return true;
                }

                signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, signal));
            }

            var winner = await Task.WhenAny(signal.Task, Task.Delay(timeout)).ConfigureAwait(false);
            return winner == signal.Task;
        }

        /// <summary>
        /// Stop answering for good but keep accepting and holding connections for the rest of the process, so a
        /// loop under test that could not be stopped parks on a read instead of spinning on refused connections.
        /// </summary>
        public void BecomeTarpit()
        {
            _holdEverything = true;
            s_keepAlive.Add(this);
        }

        public async ValueTask DisposeAsync()
        {
            if (_holdEverything)
            {
                return; // a tarpit lives as long as the process
            }

            _lifetime.Cancel();
            _listener.Stop();
            try
            {
                await _acceptLoop.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // the accept loop ends with the listener
            }

            _lifetime.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_lifetime.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_lifetime.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(() => HandleConnectionAsync(client));
            }
        }

        private async Task HandleConnectionAsync(TcpClient client)
        {
            using var clientLifetime = client;
            client.NoDelay = true;
            var stream = client.GetStream();
            ParsedRequest parsed;
            using (var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token))
            {
                readTimeout.CancelAfter(TimeSpan.FromSeconds(30));
                try
                {
                    parsed = await ReadRequestAsync(stream, readTimeout.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return; // the client went away or sent garbage: nothing to record
                }
            }

            if (parsed == null)
            {
                return; // connection opened and closed without a request
            }

            int index = Interlocked.Increment(ref _nextIndex) - 1;
            bool held = _holdEverything || index >= _script.Cap;
            ScriptedResponse response = held ? null : _script.For(index);
            var record = new RecordedRequest
            {
                Index = index,
                Method = parsed.Method,
                Path = parsed.Path,
                Headers = parsed.Headers,
                Body = parsed.Body,
                ArrivedMs = parsed.ArrivedMs,
                Answer = held ? "held (cap)" : response.Label,
                Held = held,
            };
            Record(record);

            if (held)
            {
                _capReached.TrySetResult(true);
                s_keepAlive.Add(client); // keep the socket open even if this task is collected
                try
                {
                    await Task.Delay(Timeout.Infinite, _holdEverything ? CancellationToken.None : _lifetime.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            }

            try
            {
                if (response.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(response.Delay, _lifetime.Token).ConfigureAwait(false);
                }

                if (response.Kind == ResponseKind.Drop)
                {
                    // Not a byte of response: reset the connection (an abortive close leaves no TIME_WAIT behind).
                    Abort(client);
                    return;
                }

                byte[] bytes = response.Serialize();
                await stream.WriteAsync(bytes, _lifetime.Token).ConfigureAwait(false);
                await stream.FlushAsync(_lifetime.Token).ConfigureAwait(false);

                // Connection: close — the client closes once it has read the response; wait for that before closing
                // our side. The server must not close first: its TIME_WAIT entries could meet a later client port on
                // loopback and stall that connect by a 1 s SYN retransmission, which would show up as a fake wait.
                var drain = new byte[256];
                using var linger = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
                linger.CancelAfter(TimeSpan.FromSeconds(5));
                while (await stream.ReadAsync(drain, linger.Token).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception)
            {
                // the client hung up first, or never closed within the grace period: fine
            }
            finally
            {
                Abort(client);
            }
        }

        private static void Abort(TcpClient client)
        {
            try
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Client.Close();
            }
            catch (Exception)
            {
                // already gone
            }
        }

        private void Record(RecordedRequest record)
        {
            List<TaskCompletionSource<bool>> ready = new();
            lock (_gate)
            {
                _requests.Add(record);
                for (int i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_requests.Count >= _waiters[i].Count)
                    {
                        ready.Add(_waiters[i].Signal);
                        _waiters.RemoveAt(i);
                    }
                }
            }

            foreach (var signal in ready)
            {
                signal.TrySetResult(true);
            }

            try
            {
                OnRequest?.Invoke(record);
            }
            catch (Exception)
            {
                // a test hook must not take the server down
            }
        }

        private sealed class ParsedRequest
        {
            public string Method;
            public string Path;
            public Dictionary<string, string> Headers;
            public string Body;
            public double ArrivedMs;
        }

        private static async Task<ParsedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken ct)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int headEnd = -1;
            while (headEnd < 0)
            {
                int read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
                if (read == 0)
                {
                    if (buffer.Length == 0)
                    {
                        return null;
                    }

                    throw new IOException("Connection closed inside the request head.");
                }

                buffer.Write(chunk, 0, read);
                headEnd = IndexOf(buffer.GetBuffer(), (int)buffer.Length, "\r\n\r\n"u8);
                if (headEnd < 0 && buffer.Length > MaxHeadBytes)
                {
                    throw new InvalidDataException("Request head too large.");
                }
            }

            double arrived = Clock.NowMs;
            byte[] all = buffer.ToArray();
            string head = Encoding.ASCII.GetString(all, 0, headEnd);
            string[] lines = head.Split("\r\n");
            string[] requestLine = lines[0].Split(' ');
            if (requestLine.Length < 3)
            {
                throw new InvalidDataException("Bad request line: " + lines[0]);
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                int colon = line.IndexOf(':');
                if (colon > 0)
                {
                    string name = line.Substring(0, colon).Trim();
                    string value = line.Substring(colon + 1).Trim();
                    headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
                }
            }

            var rest = new MemoryStream();
            rest.Write(all, headEnd + 4, all.Length - headEnd - 4);
            byte[] body;
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(stream, rest, chunk, ct).ConfigureAwait(false);
            }
            else
            {
                int length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, CultureInfo.InvariantCulture) : 0;
                if (length > MaxBodyBytes)
                {
                    throw new InvalidDataException("Request body too large.");
                }

                while (rest.Length < length)
                {
                    int read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("Connection closed inside the request body.");
                    }

                    rest.Write(chunk, 0, read);
                }

                body = rest.ToArray().AsSpan(0, length).ToArray();
            }

            return new ParsedRequest
            {
                Method = requestLine[0],
                Path = requestLine[1],
                Headers = headers,
                Body = Encoding.UTF8.GetString(body),
                ArrivedMs = arrived,
            };
        }

        private static async Task<byte[]> ReadChunkedAsync(NetworkStream stream, MemoryStream pending, byte[] chunk, CancellationToken ct)
        {
            var data = new MemoryStream();
            var input = new MemoryStream();
            pending.Position = 0;
            pending.CopyTo(input);
            int pos = 0;

            async Task<bool> Ensure(int needed)
            {
                while (input.Length - pos < needed)
                {
                    int read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return false;
                    }

                    input.Write(chunk, 0, read);
                }

                return true;
            }

            async Task<string> ReadLine()
            {
                while (true)
                {
                    int nl = IndexOf(input.GetBuffer().AsSpan(pos).ToArray(), (int)input.Length - pos, "\r\n"u8);
                    if (nl >= 0)
                    {
                        string line = Encoding.ASCII.GetString(input.GetBuffer(), pos, nl);
                        pos += nl + 2;
                        return line;
                    }

                    if (!await Ensure((int)input.Length - pos + 1).ConfigureAwait(false))
                    {
                        throw new IOException("Connection closed inside a chunk header.");
                    }
                }
            }

            while (true)
            {
                string sizeLine = await ReadLine().ConfigureAwait(false);
                int semi = sizeLine.IndexOf(';');
                int size = int.Parse(semi >= 0 ? sizeLine.Substring(0, semi) : sizeLine, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    // trailers until an empty line
                    while ((await ReadLine().ConfigureAwait(false)).Length > 0)
                    {
                    }

                    return data.ToArray();
                }

                if (data.Length + size > MaxBodyBytes || !await Ensure(size + 2).ConfigureAwait(false))
                {
                    throw new IOException("Bad chunked body.");
                }

                data.Write(input.GetBuffer(), pos, size);
                pos += size + 2;
            }
        }

        private static int IndexOf(byte[] haystack, int length, ReadOnlySpan<byte> needle)
            => haystack.AsSpan(0, length).IndexOf(needle);
    }
}
