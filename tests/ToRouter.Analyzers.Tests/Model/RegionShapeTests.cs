using System.Threading.Tasks;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Model
{
    /// <summary>goto retries, self-recursive retries, do/while flags and switch-based status handling.</summary>
    public class RegionShapeTests
    {
        [Fact]
        public Task GotoRetry_WithoutBound_ReportsOnLabel() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.ClientModel;
using OpenAI.Chat;

class Summarizer
{
    public ChatCompletion Summarize(ChatClient chat, string text)
    {
    {|TR0004:{|TR0005:retry|}|}:
        try
        {
            return chat.CompleteChat(text);
        }
        {|TR0003:catch|} (ClientResultException)
        {
            goto retry;
        }
    }
}");

        [Fact]
        public Task GotoRetry_WithBoundAndBackoff_IsQuiet() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.ClientModel;
using System.Threading;
using OpenAI.Chat;

class Summarizer
{
    static readonly Random Jitter = new Random();

    public ChatCompletion Summarize(ChatClient chat, string text)
    {
        int attempt = 0;
    retry:
        try
        {
            return chat.CompleteChat(text);
        }
        catch (ClientResultException ex) when (ex.Status >= 500 && ++attempt < 4)
        {
            Thread.Sleep(Jitter.Next(0, 250 << attempt));
            goto retry;
        }
    }
}");

        [Fact]
        public Task RecursiveRetry_BudgetNeverTested_ReportsOnRecursiveCall() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Net.Http;
using System.Threading.Tasks;

class Embeddings
{
    readonly HttpClient _http = new HttpClient();

    public async Task<string> EmbedAsync(string input, int retries = 0)
    {
        try
        {
            return await _http.GetStringAsync(""v1/embeddings?q="" + input);
        }
        {|TR0003:catch|} (HttpRequestException)
        {
            await Task.Delay(2000);
            return await {|TR0004:{|TR0005:EmbedAsync(input, retries + 1)|}|};
        }
    }
}");

        [Fact]
        public Task RecursiveRetry_Bounded_ReturnsNullWhenExhausted() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Net.Http;
using System.Threading.Tasks;

class Embeddings
{
    static readonly Random Jitter = new Random();
    readonly HttpClient _http = new HttpClient();

    public async Task<string> EmbedAsync(string input, int attempt = 0)
    {
        try
        {
            return await _http.GetStringAsync(""v1/embeddings?q="" + input);
        }
        catch (HttpRequestException ex) when (ex.Message.Contains(""503""))
        {
            if (attempt >= 3)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Jitter.Next(100, 200) * Math.Pow(2, attempt)));
            return await {|TR0008:EmbedAsync(input, attempt + 1)|};
        }
    }
}");

        [Fact]
        public Task DoWhileFlag_ConstantSleep_ReturnsDefault() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.IO;
using System.Net.Http;
using System.Threading;

class Uploader
{
    public string Upload(HttpClient http, string url)
    {
        string result = null;
        bool done = false;
        int tries = 0;
        {|TR0005:{|TR0008:do|}|}
        {
            try
            {
                result = http.GetStringAsync(url).GetAwaiter().GetResult();
                done = true;
            }
            {|TR0003:catch|} (HttpRequestException)
            {
                tries++;
                Thread.Sleep(500);
            }
        }
        while (!done && tries < 5);

        return result;
    }
}");

        [Fact]
        public Task SwitchOnStatus_RetriesOnly429And503_WithStickyCheck_IsQuiet() => Verify.AnalyzerAsync(@"
using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

class Gateway
{
    static readonly Random Jitter = new Random();

    public async Task<string> SendAsync(HttpClient http, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            using var response = await http.SendAsync(build(), ct);
            var body = await response.Content.ReadAsStringAsync();
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return body;
                case HttpStatusCode.TooManyRequests when !body.Contains(""API_KEY_QUOTA_EXHAUSTED"") && !body.Contains(""USAGE_LIMIT_EXCEEDED""):
                case HttpStatusCode.ServiceUnavailable:
                    await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
                    continue;
                default:
                    throw new HttpRequestException(body);
            }
        }

        throw new TimeoutException(""gave up"");
    }
}");

        [Fact]
        public Task SwitchExpressionDecidesRetry_RetriesUnauthorized() => Verify.AnalyzerAsync(@"
using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

class Gateway
{
    static readonly Random Jitter = new Random();

    public async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            var response = await http.SendAsync(build(), ct);
            bool retry = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => true,
                HttpStatusCode.ServiceUnavailable => true,
                _ => false,
            };
            if (!retry || attempt == 4)
            {
                return response;
            }

            if ({|TR0003:retry|})
            {
                await Task.Delay(Jitter.Next(0, 1000 << attempt), ct);
            }
        }
    }
}");

        [Fact]
        public Task UserResponseTypeWithIntStatus_RetriesEverythingNotSuccessful() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class ApiResult
{
    public int StatusCode { get; set; }
    public bool Successful { get; set; }
    public string Body { get; set; }
}

public interface IGatewayClient
{
    Task<ApiResult> PostAsync(string path, string json);
}

class Caller
{
    public async Task<string> CallAsync(IGatewayClient client, string json)
    {
        for (int i = 0; i < 3; i++)
        {
            var result = await client.PostAsync(""v1/chat/completions"", json);
            if ({|TR0003:result.Successful == false|})
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, i)) + TimeSpan.FromMilliseconds(new Random().Next(500)));
                continue;
            }

            return result.Body;
        }

        throw new InvalidOperationException(""failed"");
    }
}");

        [Fact]
        public Task JobPollingWithHttpStatus_IsNotARetryLoop() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

class BatchWatcher
{
    public async Task<string> WaitAsync(HttpClient http, string batchUrl)
    {
        while (true)
        {
            var response = await http.GetAsync(batchUrl);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains(""\""status\"":\""completed\""""))
                {
                    return body;
                }
            }

            await Task.Delay(5000);
        }
    }
}");

        [Fact]
        public Task ReconnectingStreamReader_IsNotARetryLoop() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

class EventsListener
{
    public async Task ListenAsync(HttpClient http, string url, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using (var stream = await http.GetStreamAsync(url))
                using (var reader = new StreamReader(stream))
                {
                    string line;
                    while ((line = await reader.ReadLineAsync()) != null)
                    {
                        Console.WriteLine(line);
                    }
                }
            }
            catch (Exception ex)
            {
                Console.WriteLine(ex.Message);
                await Task.Delay(3000, ct);
            }
        }
    }
}");

        [Fact]
        public Task RegeneratingAfterInvalidJson_WithSamePrompt_IsNotARetryLoop() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI.Chat;

public sealed class Verdict
{
    public string Label { get; set; }
}

class Classifier
{
    public async Task<Verdict> ClassifyAsync(ChatClient chat, ChatMessage[] messages)
    {
        for (int i = 0; i < 3; i++)
        {
            ChatCompletion completion = await chat.CompleteChatAsync(messages);
            try
            {
                return JsonSerializer.Deserialize<Verdict>(completion.Content[0].Text);
            }
            catch (JsonException)
            {
            }
        }

        throw new InvalidOperationException(""no valid answer"");
    }
}");

        [Fact]
        public Task RegeneratingLoopThatAlsoCatchesEverything_IsARetryLoop() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI.Chat;

public sealed class Verdict
{
    public string Label { get; set; }
}

class Classifier
{
    public async Task<Verdict> ClassifyAsync(ChatClient chat, ChatMessage[] messages)
    {
        {|TR0005:for|} (int i = 0; i < 3; i++)
        {
            try
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages);
                return JsonSerializer.Deserialize<Verdict>(completion.Content[0].Text);
            }
            {|TR0001:catch|} (Exception)
            {
            }
        }

        throw new InvalidOperationException(""no valid answer"");
    }
}");

        [Fact]
        public Task AzureCoreCallReturningResponse_ThrowsRatherThanReturnsFailures() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Threading.Tasks;
using Azure;

class Indexer
{
    public async Task<Response> UploadAsync(Func<Task<Response>> upload)
    {
        int tries = 0;
        {|TR0004:{|TR0005:while|}|} (true)
        {
            try
            {
                return await upload();
            }
            {|TR0002:catch|} (RequestFailedException ex) when (ex.Status == 429 || ex.Status == 503)
            {
                if (++tries > 5)
                {
                    Console.WriteLine(""giving up"");
                }

                await Task.Delay(500 * tries);
            }
        }
    }
}");

        [Fact]
        public Task ResendOnceAfterDroppingCachedToken_IsNotARetryOf401() => Verify.AnalyzerAtOldAndNewAsync(@"
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

class TokenClient
{
    private readonly HttpClient _http = new HttpClient();
    private string _token;

    private async Task<string> GetTokenAsync()
    {
        if (_token == null)
        {
            _token = await _http.GetStringAsync(""https://login.example/token"");
        }

        return _token;
    }

    public async Task<string> GetProfileAsync()
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, ""v1/me"");
            request.Headers.Authorization = new AuthenticationHeaderValue(""Bearer"", await GetTokenAsync());
            var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _token = null;
                continue;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        throw new InvalidOperationException(""unreachable"");
    }
}");
    }
}
