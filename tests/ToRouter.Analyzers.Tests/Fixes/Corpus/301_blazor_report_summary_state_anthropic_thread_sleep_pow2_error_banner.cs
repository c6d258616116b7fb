// lang: latest
// expect: flagged
// shape: a Blazor page's state class retries Messages.Create on AnthropicRateLimitException and Anthropic5xxException with Thread.Sleep(2^attempt s) inside an async click handler (blocking the render thread), with no jitter and no sticky-quota check, and after 5 tries only sets an error banner.
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N301;

public sealed record SalesReport(string Region, string Quarter, string CsvExtract);

/// <summary>Scoped state behind ReportSummary.razor; the component re-renders on <see cref="Changed"/>.</summary>
public sealed class ReportSummaryState
{
    private readonly AnthropicClient _anthropic;

    public ReportSummaryState(AnthropicClient anthropic) => _anthropic = anthropic;

    public event Action? Changed;
    public bool IsBusy { get; private set; }
    public string? SummaryMarkdown { get; private set; }
    public string? ErrorBanner { get; private set; }

    public async Task OnSummarizeClickedAsync(SalesReport report)
    {
        IsBusy = true;
        ErrorBanner = null;
        Changed?.Invoke();

        Message? message = null;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                message = await _anthropic.Messages.Create(new MessageCreateParams
                {
                    Model = Model.ClaudeSonnet4_6,
                    MaxTokens = 1200,
                    Messages =
                    [
                        new UserMessageParam
                        {
                            Content = $"Summarize the {report.Quarter} sales for {report.Region} as markdown bullets:\n{report.CsvExtract}"
                        }
                    ]
                });
                break;
            }
            catch (AnthropicRateLimitException)
            {
                Thread.Sleep((int)Math.Pow(2, attempt) * 1000);
            }
            catch (Anthropic5xxException ex)
            {
                Console.WriteLine($"Claude {ex.StatusCode}, attempt {attempt + 1}");
                Thread.Sleep((int)Math.Pow(2, attempt) * 1000);
            }
        }

        if (message is null)
        {
            ErrorBanner = "The summary service is busy. Please try again later.";
        }
        else
        {
            SummaryMarkdown = string.Join("\n", message.Content
                .Select(block => block.TryPickText(out var text) ? text.Text : null)
                .Where(t => t is not null));
        }

        IsBusy = false;
        Changed?.Invoke();
    }
}
