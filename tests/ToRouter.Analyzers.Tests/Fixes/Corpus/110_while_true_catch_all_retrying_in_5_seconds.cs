// lang: latest
// expect: flagged
// shape: tutorial-style while (true) around ChatClient.CompleteChatAsync with catch (Exception ex) that prints "Error: ... Retrying in 5 seconds..." and awaits a constant Task.Delay(5000); no attempt counter, so every failure (including sticky quota and 401) is retried forever.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N110;

public class QuizGenerator
{
    private readonly ChatClient _client;

    public QuizGenerator(ChatClient client) => _client = client;

    public async Task<string> GenerateQuizAsync(string topic)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage("You create five-question multiple-choice quizzes."),
            new UserChatMessage($"Topic: {topic}"),
        ];

        while (true)
        {
            try
            {
                var response = await _client.CompleteChatAsync(messages);
                return response.Value.Content[0].Text;
            }
            catch (Exception ex)
            {
                Console.WriteLine($"Error: {ex.Message}. Retrying in 5 seconds...");
                await Task.Delay(5000);
            }
        }
    }
}
