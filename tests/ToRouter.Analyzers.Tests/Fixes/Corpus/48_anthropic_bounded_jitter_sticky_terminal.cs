// lang: latest
// expect: quiet
// shape: bounded for loop around AnthropicClient.Messages.Create (SDK retries disabled) whose catch filters retry only AnthropicIOException and AnthropicApiException with 408/429/5xx that carry no sticky quota type, using capped full-jitter exponential backoff and letting the last failure propagate through the attempt filter.
using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N48;

public sealed class ReleaseNotesDrafter
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly string[] TerminalErrorTypes = { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" };

    private readonly AnthropicClient _client;

    public ReleaseNotesDrafter(string apiKey, string baseUrl)
    {
        // We own the retry policy below, so the SDK must not retry on its own as well.
        _client = new AnthropicClient(new ClientOptions { ApiKey = apiKey, BaseUrl = baseUrl, MaxRetries = 0 });
    }

    public async Task<string> DraftAsync(IReadOnlyList<string> commitSubjects, CancellationToken ct)
    {
        var request = new MessageCreateParams
        {
            Model = Model.ClaudeSonnet4_6,
            MaxTokens = 1500,
            System = "You write concise, user-facing release notes grouped by Added / Changed / Fixed.",
            Messages = new List<MessageParam> { new UserMessageParam(string.Join("\n", commitSubjects)) },
        };

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Message message = await _client.Messages.Create(request, ct).ConfigureAwait(false);
                var text = new StringBuilder();
                foreach (var block in message.Content)
                {
                    if (block.TryPickText(out TextBlock tb))
                    {
                        text.Append(tb.Text);
                    }
                }

                return text.ToString();
            }
            catch (AnthropicIOException) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
            {
                await Task.Delay(NextDelay(attempt), ct).ConfigureAwait(false);
            }
            catch (AnthropicApiException ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                await Task.Delay(NextDelay(attempt), ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(AnthropicApiException ex)
    {
        string type = ex.Type?.Raw();
        foreach (string sticky in TerminalErrorTypes)
        {
            if (string.Equals(type, sticky, StringComparison.Ordinal)
                || (ex.ResponseBody != null && ex.ResponseBody.Contains("\"" + sticky + "\"", StringComparison.Ordinal)))
            {
                return false; // spending cap / plan window: retrying cannot succeed
            }
        }

        int status = (int)ex.StatusCode;
        return status == (int)HttpStatusCode.RequestTimeout || status == 429 || status >= 500;
    }

    private static TimeSpan NextDelay(int attempt)
    {
        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
