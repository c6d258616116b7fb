// lang: latest
// expect: flagged
// shape: Junior desktop view-model wraps a Semantic Kernel chat call in Task.Run(async () => …) and loops while (!done) with catch (Exception) and Thread.Sleep(2000), so every failure is retried forever at a fixed pace and the async lambda blocks its thread.
#nullable enable
using System;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.N327
{
    public class ChatViewModel : INotifyPropertyChanged
    {
        private readonly IChatCompletionService _chatService;
        private readonly ChatHistory _history = new ChatHistory("You are a helpful assistant inside the Fabrikam notes app.");
        private bool _isBusy;
        private string _status = "Ready";

        public ChatViewModel(IChatCompletionService chatService)
        {
            _chatService = chatService;
        }

        public event PropertyChangedEventHandler? PropertyChanged;

        public ObservableCollection<string> Messages { get; } = new ObservableCollection<string>();

        public bool IsBusy
        {
            get => _isBusy;
            set { _isBusy = value; OnPropertyChanged(nameof(IsBusy)); }
        }

        public string Status
        {
            get => _status;
            set { _status = value; OnPropertyChanged(nameof(Status)); }
        }

        // bound to the Send button
        public Task SendAsync(string userText) => Task.Run(async () =>
        {
            IsBusy = true;
            _history.AddUserMessage(userText);
            Messages.Add("You: " + userText);

            bool done = false;
            while (!done)
            {
                try
                {
                    Status = "Thinking...";
                    ChatMessageContent answer = await _chatService.GetChatMessageContentAsync(_history);
                    _history.Add(answer);
                    Messages.Add("AI: " + answer.Content);
                    done = true;
                }
                catch (Exception ex)
                {
                    Debug.WriteLine("chat failed: " + ex);
                    Status = "Connection problem, retrying...";
                    Thread.Sleep(2000); // don't hammer the server
                }
            }

            Status = "Ready";
            IsBusy = false;
        });

        private void OnPropertyChanged(string name) =>
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
    }
}
