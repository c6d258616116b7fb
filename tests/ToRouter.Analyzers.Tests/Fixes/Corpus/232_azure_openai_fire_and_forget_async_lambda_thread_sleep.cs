// lang: latest
// expect: flagged
// shape: Controller-style feedback endpoint queues a Task.Run async lambda that retries an Azure OpenAI sentiment call on 429/5xx (sticky quota not excluded) using a blocking Thread.Sleep of 2^n seconds, and just logs when the attempts run out.
#nullable enable
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.N232
{
    public sealed record FeedbackDto(Guid Id, string CustomerEmail, string Text);

    public interface IFeedbackRepository
    {
        Task SaveAsync(FeedbackDto feedback);
        Task SetSentimentAsync(Guid id, string sentiment);
    }

    public sealed class FeedbackController
    {
        private readonly ChatClient _chat;
        private readonly IFeedbackRepository _repository;
        private readonly ILogger<FeedbackController> _logger;

        public FeedbackController(AzureOpenAIClient openAi, IFeedbackRepository repository, ILogger<FeedbackController> logger)
        {
            _chat = openAi.GetChatClient("gpt-4o-mini-feedback");
            _repository = repository;
            _logger = logger;
        }

        // POST /api/feedback
        public async Task<Guid> Post(FeedbackDto feedback)
        {
            await _repository.SaveAsync(feedback);

            // Don't make the customer wait for the model; tag the sentiment in the background.
            _ = Task.Run(async () =>
            {
                const int maxTries = 4;
                for (var n = 0; n < maxTries; n++)
                {
                    try
                    {
                        ChatCompletion result = await _chat.CompleteChatAsync(
                            new SystemChatMessage("Classify the sentiment as positive, neutral or negative. One word."),
                            new UserChatMessage(feedback.Text));
                        await _repository.SetSentimentAsync(feedback.Id, result.Content[0].Text.Trim().ToLowerInvariant());
                        return;
                    }
                    catch (ClientResultException ex) when (ex.Status is 429 or >= 500)
                    {
                        _logger.LogWarning("Sentiment for {FeedbackId} throttled/failed with {Status}, try {Try}", feedback.Id, ex.Status, n + 1);
                        Thread.Sleep(TimeSpan.FromSeconds(Math.Pow(2, n)));
                    }
                }

                _logger.LogError("Gave up tagging sentiment for feedback {FeedbackId}", feedback.Id);
            });

            return feedback.Id;
        }
    }
}
