// lang: latest
// expect: flagged
// shape: a synchronous legacy-interface adapter over Semantic Kernel's IChatCompletionService makes three GetChatMessageContentAsync(...).GetAwaiter().GetResult() attempts, retrying on any HttpOperationException (401/404/sticky 429 alike) with a fixed Thread.Sleep(2000), then returns an apology string instead of failing.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N263
{
    /// <summary>Interface the old help-desk widget was written against (pre-SK).</summary>
    public interface ILegacyAssistant
    {
        string Reply(string userText);
    }

    public sealed class KernelAssistantAdapter : ILegacyAssistant
    {
        private readonly IChatCompletionService _chat;
        private readonly ChatHistory _history;
        private readonly PromptExecutionSettings _settings = new PromptExecutionSettings();
        private readonly List<string> _failureLog = new List<string>();

        public KernelAssistantAdapter(IChatCompletionService chat, string systemPrompt)
        {
            _chat = chat;
            _history = new ChatHistory(systemPrompt);
        }

        public IReadOnlyList<string> FailureLog => _failureLog;

        public string Reply(string userText)
        {
            _history.AddUserMessage(userText);
            string reply = null;

            for (int attempt = 0; attempt < 3 && reply == null; attempt++)
            {
                try
                {
                    ChatMessageContent result = _chat.GetChatMessageContentAsync(_history, _settings).GetAwaiter().GetResult();
                    reply = result.Content;
                }
                catch (HttpOperationException ex)
                {
                    _failureLog.Add($"{DateTime.Now:HH:mm:ss} attempt {attempt + 1}: {(int?)ex.StatusCode} {ex.Message}");
                    Trace.TraceWarning("SK chat call failed with {0}: {1}", ex.StatusCode, ex.ResponseContent);
                    Thread.Sleep(2000);
                }
            }

            if (reply == null)
            {
                // keep the history consistent for the next question
                _history.RemoveAt(_history.Count - 1);
                return "Sorry, the assistant is unavailable right now. Please try again later.";
            }

            _history.AddAssistantMessage(reply);
            return reply;
        }
    }
}
