using System.Collections.Generic;
using System.Text;

namespace ToRouter.Analyzers.Benchmarks
{
    /// <summary>
    /// A synthetic service code base: most methods are ordinary code with loops and try/catch
    /// (the analyzer must reject them cheaply), one file in ten holds retry loops of the usual shapes.
    /// </summary>
    internal static class Corpus
    {
        public static IEnumerable<string> Files(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return i % 10 == 0 ? RetryFile(i) : OrdinaryFile(i);
            }
        }

        private static string OrdinaryFile(int i)
        {
            var sb = new StringBuilder();
            sb.AppendLine("using System; using System.Collections.Generic; using System.Linq; using System.Threading; using System.Threading.Tasks;");
            sb.AppendLine($"namespace App.Module{i} {{");
            sb.AppendLine($"public class Service{i} {{");
            for (var m = 0; m < 12; m++)
            {
                sb.AppendLine($@"
    public int Sum{m}(IReadOnlyList<int> values)
    {{
        var total = 0;
        for (var k = 0; k < values.Count; k++) {{ if (values[k] % 2 == 0) total += values[k]; else total -= 1; }}
        foreach (var v in values) {{ try {{ total += checked(v * 2); }} catch (OverflowException) {{ total = int.MaxValue; }} }}
        while (total > 1000) {{ total /= 2; }}
        return total;
    }}

    public async Task<string> Load{m}(Func<Task<string>> fetch, CancellationToken ct)
    {{
        while (!ct.IsCancellationRequested)
        {{
            try {{ var s = await fetch(); Console.WriteLine(s); }}
            catch (Exception ex) {{ Console.WriteLine(ex.Message); }}
            await Task.Delay(100, ct);
        }}
        return string.Empty;
    }}");
            }

            sb.AppendLine("} }");
            return sb.ToString();
        }

        private static string RetryFile(int i) => $@"
using System;
using System.ClientModel;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace App.Retries{i}
{{
    public class Client{i}
    {{
        private static readonly Random Jitter = new Random();

        public async Task<ChatCompletion> CatchAll(ChatClient chat, string prompt)
        {{
            while (true)
            {{
                try {{ return await chat.CompleteChatAsync(prompt); }}
                catch (Exception) {{ Thread.Sleep(1000); }}
            }}
        }}

        public async Task<string> StatusLoop(HttpClient http, string url)
        {{
            for (int attempt = 0; attempt < 5; attempt++)
            {{
                var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.TooManyRequests) {{ await Task.Delay(1000 * attempt); continue; }}
            }}
            return null;
        }}

        public async Task<ChatCompletion> Canonical(ChatClient chat, string prompt, CancellationToken ct)
        {{
            for (int attempt = 1; ; attempt++)
            {{
                try {{ return await chat.CompleteChatAsync(new[] {{ new UserChatMessage(prompt) }}, cancellationToken: ct); }}
                catch (ClientResultException ex) when (attempt < 6 && IsRetryable(ex))
                {{
                    await Task.Delay(TimeSpan.FromMilliseconds(Jitter.NextDouble() * Math.Min(30000, 1000 * Math.Pow(2, attempt))), ct);
                }}
            }}
        }}

        private static bool IsRetryable(ClientResultException ex)
        {{
            var body = ex.GetRawResponse()?.Content.ToString() ?? """";
            if (body.Contains(""API_KEY_QUOTA_EXHAUSTED"") || body.Contains(""USAGE_LIMIT_EXCEEDED"")) return false;
            return ex.Status == 0 || ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
        }}
    }}
}}";
    }
}
