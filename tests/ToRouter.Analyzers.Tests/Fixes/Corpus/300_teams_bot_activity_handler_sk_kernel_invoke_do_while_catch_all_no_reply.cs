// lang: latest
// expect: flagged
// shape: a Teams-style bot message handler re-invokes a Semantic Kernel function in a do/while with catch (Exception) and a fixed 1.5 s delay, and when all tries fail it logs and returns without replying, so the user's turn silently ends with the work undone.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N300
{
    public sealed class TeamsActivity
    {
        public string ConversationId { get; set; }
        public string FromName { get; set; }
        public string Text { get; set; }
    }

    public interface ITurnContext
    {
        TeamsActivity Activity { get; }
        Task SendTypingAsync(CancellationToken ct);
        Task SendActivityAsync(string text, CancellationToken ct);
    }

    public class HrPolicyBot
    {
        private readonly Kernel _kernel;
        private readonly KernelFunction _answerPolicyQuestion;
        private readonly ILogger<HrPolicyBot> _logger;
        private readonly Dictionary<string, int> _questionsPerConversation = new Dictionary<string, int>();

        public HrPolicyBot(Kernel kernel, KernelFunction answerPolicyQuestion, ILogger<HrPolicyBot> logger)
        {
            _kernel = kernel;
            _answerPolicyQuestion = answerPolicyQuestion;
            _logger = logger;
        }

        protected virtual async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var activity = turnContext.Activity;
            var text = (activity.Text ?? string.Empty).Replace("<at>HR Bot</at>", string.Empty).Trim();
            if (text.Length == 0)
                return;

            _questionsPerConversation.TryGetValue(activity.ConversationId, out var count);
            _questionsPerConversation[activity.ConversationId] = count + 1;

            await turnContext.SendTypingAsync(cancellationToken);

            var arguments = new KernelArguments
            {
                ["question"] = text,
                ["employeeName"] = activity.FromName
            };

            var stopwatch = Stopwatch.StartNew();
            string answer = null;
            int retries = 3;
            do
            {
                try
                {
                    FunctionResult result = await _kernel.InvokeAsync(_answerPolicyQuestion, arguments, cancellationToken);
                    answer = result.GetValue<string>();
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Policy answer failed for conversation {ConversationId}", activity.ConversationId);
                    await Task.Delay(1500, cancellationToken);
                }
            }
            while (answer == null && --retries > 0);

            if (answer == null)
            {
                _logger.LogWarning("Giving up on {ConversationId} after {Elapsed}", activity.ConversationId, stopwatch.Elapsed);
                return;
            }

            await turnContext.SendActivityAsync(answer, cancellationToken);
        }
    }
}
