// lang: latest
// expect: quiet
// shape: lock-free request budget: a compare-exchange spin loop (Interlocked.CompareExchange until the swap wins) reserves tokens from a shared per-minute budget before a single ChatClient.CompleteChatAsync call; the spin is not a retry of the model call and no failure is re-sent
using System;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.N149
{
    public sealed class BudgetedChat
    {
        private readonly ChatClient _chat;
        private readonly long _tokensPerMinute;
        private long _windowStartTicks;
        private long _used;

        public BudgetedChat(ChatClient chat, long tokensPerMinute)
        {
            _chat = chat;
            _tokensPerMinute = tokensPerMinute;
            _windowStartTicks = DateTime.UtcNow.Ticks;
        }

        public async Task<string> AskAsync(string prompt, int estimatedTokens, CancellationToken ct = default)
        {
            if (!TryReserve(estimatedTokens))
            {
                throw new InvalidOperationException("Local token budget for this minute is used up.");
            }

            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: ct);
            var actual = completion.Usage?.TotalTokenCount ?? estimatedTokens;
            Interlocked.Add(ref _used, actual - estimatedTokens);
            return completion.Content[0].Text;
        }

        private bool TryReserve(int tokens)
        {
            var now = DateTime.UtcNow.Ticks;
            var start = Interlocked.Read(ref _windowStartTicks);
            if (now - start > TimeSpan.TicksPerMinute
                && Interlocked.CompareExchange(ref _windowStartTicks, now, start) == start)
            {
                Interlocked.Exchange(ref _used, 0);
            }

            while (true)
            {
                var used = Interlocked.Read(ref _used);
                if (used + tokens > _tokensPerMinute)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _used, used + tokens, used) == used)
                {
                    return true;
                }
            }
        }
    }
}
