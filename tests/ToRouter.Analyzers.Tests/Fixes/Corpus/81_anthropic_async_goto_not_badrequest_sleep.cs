// lang: latest
// expect: flagged
// shape: async goto-label retry around AnthropicClient.Messages.Create; catch (AnthropicApiException ex) when (ex.StatusCode != HttpStatusCode.BadRequest) so 401/403/404 and sticky 429s are retried, blocking with Thread.Sleep(1500) inside the async method before goto retry, and rethrowing after the third try.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corpus.N81;

public class SqlQueryWriter
{
    private readonly AnthropicClient _claude;

    public SqlQueryWriter(AnthropicClient claude)
    {
        _claude = claude;
    }

    public async Task<string> WriteQueryAsync(string schemaDdl, string question)
    {
        var request = new MessageCreateParams
        {
            Model = Model.ClaudeSonnet4_6,
            MaxTokens = 800,
            System = "Write a single PostgreSQL query. Output SQL only.\n\nSchema:\n" + schemaDdl,
            Messages = new List<MessageParam> { new UserMessageParam(question) },
        };

        int tries = 0;
    retry:
        try
        {
            tries++;
            Message reply = await _claude.Messages.Create(request);
            return string.Concat(reply.Content.Select(b => b.TryPickText(out var t) ? t.Text : string.Empty));
        }
        catch (AnthropicApiException ex) when (ex.StatusCode != HttpStatusCode.BadRequest)
        {
            if (tries >= 3)
            {
                throw;
            }

            Console.WriteLine($"Claude call failed with {(int)ex.StatusCode}, retrying");
            Thread.Sleep(1500);
            goto retry;
        }
    }
}
