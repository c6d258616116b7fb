// lang: 7.3
// expect: flagged
// shape: C# 7.3 synchronous static Retry.Do<T>(Func<T>, TimeSpan, int) helper that sleeps a constant interval inside the try before each re-attempt, swallows every exception into a list and throws an AggregateException at the end; plus a call site that blocks on GetStringAsync(...).Result.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;

namespace Corpus.N38
{
    public static class Retry
    {
        public static void Do(Action action, TimeSpan retryInterval, int maxAttemptCount = 3)
        {
            Do<object>(() =>
            {
                action();
                return null;
            }, retryInterval, maxAttemptCount);
        }

        public static T Do<T>(Func<T> action, TimeSpan retryInterval, int maxAttemptCount = 3)
        {
            var exceptions = new List<Exception>();

            for (int attempted = 0; attempted < maxAttemptCount; attempted++)
            {
                try
                {
                    if (attempted > 0)
                    {
                        Thread.Sleep(retryInterval);
                    }

                    return action();
                }
                catch (Exception ex)
                {
                    exceptions.Add(ex);
                }
            }

            throw new AggregateException(exceptions);
        }
    }

    public class SystemPromptLoader
    {
        private readonly HttpClient _http;

        public SystemPromptLoader(HttpClient http)
        {
            _http = http;
        }

        public string Load(string promptName)
        {
            return Retry.Do(() => _http.GetStringAsync("prompts/" + promptName).Result, TimeSpan.FromSeconds(2));
        }
    }
}
