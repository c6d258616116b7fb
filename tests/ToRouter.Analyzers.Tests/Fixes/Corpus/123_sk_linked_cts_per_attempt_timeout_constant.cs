// lang: latest
// expect: flagged
// shape: bounded for loop around IChatCompletionService.GetChatMessageContentAsync with a linked CancellationTokenSource and CancelAfter(30 s) per attempt; catch (OperationCanceledException) when the caller did not cancel retries timeouts, but an unfiltered catch (HttpOperationException) retries every HTTP failure (400/401/403/404 included), both waiting a constant 4 s
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N123
{
    public sealed class ReleaseNotesAgent
    {
        private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(4);
        private const int Attempts = 3;

        private readonly IChatCompletionService _chat;
        private readonly ILogger _log;

        public ReleaseNotesAgent(IChatCompletionService chat, ILoggerFactory loggerFactory)
        {
            _chat = chat;
            _log = loggerFactory.CreateLogger("ReleaseNotes");
        }

        public async Task<string> DraftAsync(string changelog, CancellationToken cancellationToken)
        {
            var history = new ChatHistory("You turn raw changelogs into friendly release notes.");
            history.AddUserMessage(changelog);

            Exception last = null;
            for (int i = 0; i < Attempts; i++)
            {
                using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptCts.CancelAfter(AttemptTimeout);
                try
                {
                    var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: attemptCts.Token);
                    return reply.Content ?? string.Empty;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    _log.LogWarning("Attempt {Attempt} timed out after {Timeout}", i + 1, AttemptTimeout);
                    last = ex;
                }
                catch (HttpOperationException ex)
                {
                    _log.LogWarning(ex, "Attempt {Attempt} failed with {Status}", i + 1, ex.StatusCode);
                    last = ex;
                }

                await Task.Delay(RetryPause, cancellationToken);
            }

            throw new InvalidOperationException("Could not draft release notes.", last);
        }
    }
}
