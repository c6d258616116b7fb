// lang: latest
// expect: flagged
// shape: a console Program.cs with top-level statements: a for loop around ChatClient.CompleteChat whose catch (Exception) logs and Thread.Sleeps a constant 2 s, then prints the (possibly null) answer
using System;
using System.ClientModel;
using System.Threading;
using OpenAI.Chat;

var client = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
string answer = null;
for (int i = 0; i < 5; i++)
{
    try
    {
        answer = client.CompleteChat("Say hello").Value.Content[0].Text;
        break;
    }
    catch (Exception ex)
    {
        Console.WriteLine($"Attempt {i + 1} failed: {ex.Message}");
        Thread.Sleep(2000);
    }
}

Console.WriteLine(answer);
