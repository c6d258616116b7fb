using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using ToRouter.Analyzers.CodeFixes.SmallFixes;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>
    /// The smaller honest repairs, each with its own equivalence key: TR.UseTaskDelay (TR0007), TR.AddJitter (TR0006),
    /// TR.PropagateLastFailure (TR0008) and TR.AddAttemptBound (TR0004). Diagnostics the small fix does not address stay
    /// in the fixed code's markup.
    /// </summary>
    public class SmallFixTests
    {
        /// <summary>TR0007: Thread.Sleep(TimeSpan) becomes await Task.Delay(TimeSpan, token), with the ConfigureAwait(false) the method already uses; the trailing comment stays.</summary>
        [Fact]
        public async Task UseTaskDelay_ThreadSleepTimeSpan_PassesTokenAndKeepsConfigureAwait()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Assistant
                {
                    public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken cancellationToken)
                    {
                        {|TR0006:{|TR0007:for|}|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: cancellationToken).ConfigureAwait(false);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                Thread.Sleep(TimeSpan.FromSeconds(Math.Pow(2, attempt))); // back off
                            }
                        }
                    }
                }
                """;
            var fixedSource = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Assistant
                {
                    public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken cancellationToken)
                    {
                        {|TR0006:for|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: cancellationToken).ConfigureAwait(false);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken).ConfigureAwait(false); // back off
                            }
                        }
                    }
                }
                """;
            await FixHarness.VerifyAsync<UseTaskDelayCodeFixProvider>(source, fixedSource, UseTaskDelayCodeFixProvider.Key, fixAll: false);
            await Verify.CodeFixAsync<UseTaskDelayCodeFixProvider>(source, fixedSource, UseTaskDelayCodeFixProvider.Key);
        }

        /// <summary>TR0006, Fix All: both loops get jitter; the two WithJitter overloads share one [ThreadStatic] Random.</summary>
        [Fact]
        public async Task AddJitter_FixAll_IntAndTimeSpanDelaysShareOneRandom()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Assistant
                {
                    public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct)
                    {
                        {|TR0006:for|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), ct);
                            }
                        }
                    }

                    public string Ask(ChatClient chat, string prompt)
                    {
                        {|TR0006:for|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                Thread.Sleep(100 << attempt);
                            }
                        }
                    }
                }
                """;
            var fixedSource = $$"""
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                class Assistant
                {
                    public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct)
                    {
                        for (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                await Task.Delay(WithJitter(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt))), ct);
                            }
                        }
                    }

                    public string Ask(ChatClient chat, string prompt)
                    {
                        for (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                Thread.Sleep(WithJitter(100 << attempt));
                            }
                        }
                    }

                    // Equal jitter: a random wait between half and all of the computed delay, so clients that failed together do not retry together.
                    private static int WithJitter(int delayMilliseconds)
                    {
                        if (s_retryRandom == null)
                        {
                            s_retryRandom = new Random(Guid.NewGuid().GetHashCode());
                        }

                        var half = Math.Max(0, delayMilliseconds) / 2;
                        return half + s_retryRandom.Next(half + 1);
                    }

                    // Equal jitter: a random wait between half and all of the computed delay, so clients that failed together do not retry together.
                    private static TimeSpan WithJitter(TimeSpan delay)
                    {
                        if (s_retryRandom == null)
                        {
                            s_retryRandom = new Random(Guid.NewGuid().GetHashCode());
                        }

                        return TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + s_retryRandom.NextDouble() / 2));
                    }

                {{ExpectedHelpers.RetryRandom}}
                }
                """;
            await FixHarness.VerifyAsync<AddJitterCodeFixProvider>(source, fixedSource, AddJitterCodeFixProvider.Key, fixAll: true);

            // One loop at a time: the first fix adds only the TimeSpan overload.
            await FixHarness.VerifyAsync<AddJitterCodeFixProvider>(source, $$"""
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;
    
                class Assistant
                {
                    public async Task<string> AskAsync(ChatClient chat, string prompt, CancellationToken ct)
                    {
                        for (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: ct);
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                await Task.Delay(WithJitter(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt))), ct);
                            }
                        }
                    }
    
                    public string Ask(ChatClient chat, string prompt)
                    {
                        {|TR0006:for|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 4 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                Thread.Sleep(100 << attempt);
                            }
                        }
                    }
    
                    // Equal jitter: a random wait between half and all of the computed delay, so clients that failed together do not retry together.
                    private static TimeSpan WithJitter(TimeSpan delay)
                    {
                        if (s_retryRandom == null)
                        {
                            s_retryRandom = new Random(Guid.NewGuid().GetHashCode());
                        }
    
                        return TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + s_retryRandom.NextDouble() / 2));
                    }
    
                {{ExpectedHelpers.RetryRandom}}
                }
                """, AddJitterCodeFixProvider.Key);
            await Verify.CodeFixAsync<AddJitterCodeFixProvider>(source, fixedSource, AddJitterCodeFixProvider.Key);
        }

        /// <summary>TR0008: the bound moves into the exception filter (retries + 1 < maxRetries, as the loop condition would see it after this failure), so the last failure propagates and the placeholder return goes.</summary>
        [Fact]
        public async Task PropagateLastFailure_BoundMovesIntoTheFilter()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Assistant
                {
                    public string Ask(ChatClient chat, string prompt, int maxRetries)
                    {
                        int retries = 0;
                        {|TR0008:while|} (retries < maxRetries)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (ex.Status == 0 || ex.Status >= 500)
                            {
                                retries++;
                                Thread.Sleep(100 * (1 << retries) + new Random().Next(100));
                            }
                        }

                        return null;
                    }
                }
                """;
            var fixedSource = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Assistant
                {
                    public string Ask(ChatClient chat, string prompt, int maxRetries)
                    {
                        int retries = 0;
                        while (true)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when ((ex.Status == 0 || ex.Status >= 500) && retries + 1 < maxRetries)
                            {
                                retries++;
                                Thread.Sleep(100 * (1 << retries) + new Random().Next(100));
                            }
                        }
                    }
                }
                """;
            await FixHarness.VerifyAsync<PropagateLastFailureCodeFixProvider>(source, fixedSource, PropagateLastFailureCodeFixProvider.Key, fixAll: false);
            await Verify.CodeFixAsync<PropagateLastFailureCodeFixProvider>(source, fixedSource, PropagateLastFailureCodeFixProvider.Key);
        }

        /// <summary>TR0004: do { } while (true) becomes a counted for loop and the retrying catch gets attempt < max_attempts.</summary>
        [Fact]
        public async Task AddAttemptBound_DoWhileTrue()
        {
            var source = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Assistant
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        {|TR0004:{|TR0005:do|}|}
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (ex.Status == 0 || ex.Status >= 500)
                            {
                                Thread.Sleep(1000);
                            }
                        }
                        while (true);
                    }
                }
                """;
            var fixedSource = """
                using System;
                using System.ClientModel;
                using System.Threading;
                using OpenAI.Chat;

                class Assistant
                {
                    public string Ask(ChatClient chat, string prompt)
                    {
                        {|TR0005:for|} (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                ChatCompletion completion = chat.CompleteChat(new UserChatMessage(prompt));
                                return completion.Content[0].Text;
                            }
                            catch (ClientResultException ex) when (attempt < 6 && (ex.Status == 0 || ex.Status >= 500))
                            {
                                Thread.Sleep(1000);
                            }
                        }
                    }
                }
                """;
            await FixHarness.VerifyAsync<AddAttemptBoundCodeFixProvider>(source, fixedSource, AddAttemptBoundCodeFixProvider.Key, fixAll: false);
            await Verify.CodeFixAsync<AddAttemptBoundCodeFixProvider>(source, fixedSource, AddAttemptBoundCodeFixProvider.Key);
        }

        /// <summary>The Thread.Sleep is inside a helper method: the fix does not change the helper, which may have other callers.</summary>
        [Fact]
        public async Task UseTaskDelay_NoFix_WhenTheSleepIsInAHelper()
        {
            var source = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class Reader
                {
                    public async Task<string> ReadAsync(string path)
                    {
                        {|TR0007:for|} (int attempt = 0; ; attempt++)
                        {
                            try
                            {
                                return await Task.Run(() => File.ReadAllText(path));
                            }
                            catch (IOException) when (attempt < 3)
                            {
                                Pause(100 << attempt);
                            }
                        }
                    }

                    private static void Pause(int milliseconds) => Thread.Sleep(milliseconds);
                }
                """;
            await FixHarness.NoFixAsync<UseTaskDelayCodeFixProvider>(source, UseTaskDelayCodeFixProvider.Key);
            await Verify.CodeFixAsync<UseTaskDelayCodeFixProvider>(source, source, UseTaskDelayCodeFixProvider.Key);
        }
    }
}
