// lang: latest
// expect: flagged
// shape: for loop around IChatCompletionService.GetChatMessageContentAsync with catch (HttpOperationException ex) when (ex.StatusCode is TooManyRequests or ServiceUnavailable && attempt < MaxAttempts) that writes ex.ResponseContent to the log but never decides on it, then waits a jittered exponential delay; sticky quota 429s are retried.
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N114;

public class UnitTestWriter
{
    private const int MaxAttempts = 6;
    private readonly IChatCompletionService _chatCompletion;
    private readonly Kernel _kernel;

    public UnitTestWriter(Kernel kernel, IChatCompletionService chatCompletion)
    {
        _kernel = kernel;
        _chatCompletion = chatCompletion;
    }

    public async Task<string> WriteTestsAsync(string sourceCode, CancellationToken cancellationToken = default)
    {
        var history = new ChatHistory();
        history.AddSystemMessage("Write xUnit tests for the given C# code. Output only code.");
        history.AddUserMessage(sourceCode);

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var result = await _chatCompletion.GetChatMessageContentAsync(history, kernel: _kernel, cancellationToken: cancellationToken);
                return result.Content ?? string.Empty;
            }
            catch (HttpOperationException ex) when ((ex.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                                                    && attempt < MaxAttempts)
            {
                Console.WriteLine($"Attempt {attempt} failed with {(int?)ex.StatusCode}: {ex.ResponseContent}");
                var jitter = Random.Shared.NextDouble() + 0.5;
                await Task.Delay(TimeSpan.FromMilliseconds(1000 * Math.Pow(2, attempt - 1) * jitter), cancellationToken);
            }
        }
    }
}
