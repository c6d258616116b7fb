// lang: 7.3
// expect: flagged
// shape: C# 7.3 async for loop around IChatCompletionService.GetChatMessageContentAsync with catch (HttpOperationException ex) when (ex.StatusCode.HasValue && (int)ex.StatusCode.Value >= 400 && i < retries - 1), so 400/401/403/404 and sticky 429s are retried along with 5xx, waiting an unjittered 500 ms * 2^i
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N129
{
    public class SqlExplainer
    {
        private readonly Kernel kernel;
        private readonly int retries;

        public SqlExplainer(Kernel kernel, int retries = 4)
        {
            this.kernel = kernel;
            this.retries = retries;
        }

        public async Task<string> ExplainAsync(string sql, CancellationToken cancellationToken = default(CancellationToken))
        {
            var chat = kernel.GetRequiredService<IChatCompletionService>();
            var history = new ChatHistory();
            history.AddSystemMessage("Explain SQL queries to junior developers. Be brief.");
            history.AddUserMessage(sql);

            for (int i = 0; i < retries; i++)
            {
                try
                {
                    var result = await chat.GetChatMessageContentAsync(history, null, kernel, cancellationToken).ConfigureAwait(false);
                    return result.Content;
                }
                catch (HttpOperationException ex) when (ex.StatusCode.HasValue && (int)ex.StatusCode.Value >= 400 && i < retries - 1)
                {
                    var delay = TimeSpan.FromMilliseconds(500 * Math.Pow(2, i));
                    System.Diagnostics.Debug.WriteLine("SqlExplainer: " + ex.StatusCode + " - retrying in " + delay);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
