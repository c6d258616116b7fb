// lang: latest
// expect: flagged
// shape: async void UI-style event handler with a bounded for loop around ChatClient.CompleteChatAsync; an unfiltered catch (ClientResultException) updates a status label and blocks with Thread.Sleep(2000), and when every attempt fails the handler just ends with the summary never shown.
using System;
using System.ClientModel;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N52;

public sealed class TextBox
{
    public string Text { get; set; } = string.Empty;
}

public sealed class SummarizeView
{
    private readonly ChatClient _chat;
    private readonly TextBox _input = new TextBox();
    private readonly TextBox _output = new TextBox();
    private readonly TextBox _status = new TextBox();

    public SummarizeView(ChatClient chat)
    {
        _chat = chat;
    }

    public event EventHandler SummarizeRequested;

    public void Wire()
    {
        SummarizeRequested += OnSummarizeClicked;
    }

    public void ClickSummarize(string text)
    {
        _input.Text = text;
        SummarizeRequested?.Invoke(this, EventArgs.Empty);
    }

    private async void OnSummarizeClicked(object sender, EventArgs e)
    {
        _status.Text = "Summarizing…";

        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    new SystemChatMessage("Summarize the text in three sentences."),
                    new UserChatMessage(_input.Text));
                _output.Text = completion.Content[0].Text;
                _status.Text = "Done";
                return;
            }
            catch (ClientResultException ex)
            {
                _status.Text = $"Service error {ex.Status}, retrying ({attempt + 1}/3)…";
                Thread.Sleep(2000);
            }
        }

        _status.Text = "Could not summarize right now.";
    }
}
