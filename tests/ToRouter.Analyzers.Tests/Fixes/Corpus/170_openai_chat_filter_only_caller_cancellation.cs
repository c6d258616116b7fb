// lang: latest
// expect: flagged
// shape: bounded for loop around ChatClient.CompleteChatAsync whose catch (Exception ex) when (!cancellationToken.IsCancellationRequested) only excludes the caller's cancellation and so retries every failure (400/401/404, sticky quota 429s, programming errors); capped exponential delay with Random jitter, and the last error is wrapped in a custom primary-constructor exception after the loop
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N170;

public sealed class ChatCompletionFailedException(string message, Exception? inner) : Exception(message, inner);

public class QuizGenerator
{
    private const int MaxAttempts = 4;

    private readonly ChatClient _chatClient;
    private readonly ILogger<QuizGenerator> _logger;
    private readonly Random _random = new();

    public QuizGenerator(ChatClient chatClient, ILogger<QuizGenerator> logger)
    {
        _chatClient = chatClient;
        _logger = logger;
    }

    public async Task<string> GenerateQuizAsync(string lessonText, int questionCount, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage($"Write {questionCount} multiple-choice questions about the lesson. Return markdown."),
            new UserChatMessage(lessonText),
        ];
        var options = new ChatCompletionOptions { Temperature = 0.7f, MaxOutputTokenCount = 2000 };

        Exception? lastError = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                var completion = await _chatClient.CompleteChatAsync(messages, options, cancellationToken);
                return completion.Value.Content[0].Text;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = ex;
                var ceilingMs = Math.Min(30_000, 1000 * Math.Pow(2, attempt));
                var delay = TimeSpan.FromMilliseconds(ceilingMs * (0.5 + _random.NextDouble() / 2));
                _logger.LogWarning(ex, "Quiz generation attempt {Attempt} failed; retrying in {Delay}", attempt + 1, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }

        throw new ChatCompletionFailedException($"Quiz generation failed after {MaxAttempts} attempts.", lastError);
    }
}
