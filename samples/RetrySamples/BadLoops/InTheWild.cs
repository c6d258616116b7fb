using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace RetrySamples
{
    public sealed partial class BadLoops
    {
        /// <summary>
        /// Several rules at once: the loop most often found in the wild.
        /// TR0001: catch (Exception) retries bugs, 401s and spent quotas alike.
        /// TR0004: while (true), and the retry counter is only logged, never tested.
        /// TR0005: a constant one-second pause.
        /// TR0007: Thread.Sleep inside an async method.
        /// </summary>
        public async Task<string> CompleteTheUsualWayAsync(string prompt)
        {
            int retries = 0;
            while (true)
            {
                try
                {
                    ClientResult<ChatCompletion> result = await _gateway.Chat.CompleteChatAsync(new UserChatMessage(prompt));
                    return result.Value.Content[0].Text;
                }
                catch (Exception ex)
                {
                    retries++;
                    Console.Error.WriteLine($"Retry #{retries} after: {ex.Message}");
                    Thread.Sleep(1000);
                }
            }
        }
    }
}
