// lang: latest
// expect: quiet
// shape: console REPL: while (true) reads a line from the user, breaks on "exit", sends the growing ChatHistory to IChatCompletionService and prints the reply; catch (HttpOperationException) prints the error, drops the unanswered user turn and waits for the next input instead of re-sending
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N145
{
    public class ChatRepl
    {
        private readonly IChatCompletionService _chat;
        private readonly TextReader _input;
        private readonly TextWriter _output;

        public ChatRepl(IChatCompletionService chat, TextReader input, TextWriter output)
        {
            _chat = chat;
            _input = input;
            _output = output;
        }

        public async Task RunAsync(CancellationToken ct)
        {
            var history = new ChatHistory("You are a helpful assistant for a home-automation system.");
            _output.WriteLine("Type a question, or 'exit' to quit.");

            while (true)
            {
                _output.Write("> ");
                var line = await _input.ReadLineAsync(ct);
                if (line is null || line.Trim().Equals("exit", StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                history.AddUserMessage(line);
                try
                {
                    var reply = await _chat.GetChatMessageContentAsync(history, cancellationToken: ct);
                    history.Add(reply);
                    _output.WriteLine(reply.Content);
                }
                catch (HttpOperationException ex)
                {
                    _output.WriteLine($"[error {(int?)ex.StatusCode}] {ex.Message}");
                    history.RemoveAt(history.Count - 1);
                }
            }
        }
    }
}
