// lang: 7.3
// expect: flagged
// shape: C# 7.3 review-sentiment classifier calls ChatClient.CompleteChat synchronously in a while(true) loop that rethrows anything but a 429 ClientResultException and stops after three retries, sleeping 1000 << retries ms; the wait has no jitter and sticky quota 429s are retried.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N318
{
    public enum Sentiment
    {
        Negative = -1,
        Neutral = 0,
        Positive = 1
    }

    public class ReviewSentimentClassifier
    {
        private const int MaxRetries = 3;

        private readonly ChatClient _client;
        private readonly ChatCompletionOptions _options;

        public ReviewSentimentClassifier(ChatClient client)
        {
            _client = client;
            _options = new ChatCompletionOptions { Temperature = 0f, MaxOutputTokenCount = 3 };
        }

        public Sentiment Classify(string reviewText)
        {
            var messages = new List<ChatMessage>
            {
                new SystemChatMessage("Classify the product review. Reply with one word: positive, negative or neutral."),
                new UserChatMessage(reviewText)
            };

            int retries = 0;
            while (true)
            {
                try
                {
                    ChatCompletion completion = _client.CompleteChat(messages, _options);
                    return Parse(completion.Content[0].Text);
                }
                catch (ClientResultException ex)
                {
                    if (ex.Status != 429 || retries >= MaxRetries)
                    {
                        throw;
                    }

                    retries++;
                    Debug.WriteLine("sentiment: throttled, retry " + retries + " in " + (1000 << retries) + " ms");
                    Thread.Sleep(1000 << retries);
                }
            }
        }

        private static Sentiment Parse(string text)
        {
            switch ((text ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant())
            {
                case "positive":
                    return Sentiment.Positive;
                case "negative":
                    return Sentiment.Negative;
                default:
                    return Sentiment.Neutral;
            }
        }
    }
}
