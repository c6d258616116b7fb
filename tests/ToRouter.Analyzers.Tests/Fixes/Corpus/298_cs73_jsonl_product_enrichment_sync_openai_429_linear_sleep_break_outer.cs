// lang: 7.3
// expect: flagged
// shape: a synchronous JSON-lines enrichment tool retries CompleteChat only on ClientResultException status 429 with a linearly growing Thread.Sleep and no check for sticky quota codes, and on the last failed attempt it quietly stops the whole batch with a break of the outer loop.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using OpenAI.Chat;

namespace Corpus.N298
{
    public class ProductEnricher
    {
        private const int MaxAttempts = 4;
        private readonly ChatClient _chat;

        public ProductEnricher(ChatClient chat)
        {
            _chat = chat;
        }

        /// <summary>Reads products.jsonl, writes products.enriched.jsonl, returns the number of enriched lines.</summary>
        public int Enrich(string inputPath, string outputPath)
        {
            int written = 0;
            bool stopBatch = false;

            using (var reader = new StreamReader(inputPath))
            using (var writer = new StreamWriter(outputPath, append: false))
            {
                string line;
                while ((line = reader.ReadLine()) != null)
                {
                    if (line.Trim().Length == 0)
                        continue;

                    string sku, title;
                    using (var doc = JsonDocument.Parse(line))
                    {
                        sku = doc.RootElement.GetProperty("sku").GetString();
                        title = doc.RootElement.GetProperty("title").GetString();
                    }

                    string description = null;
                    for (int attempt = 1; attempt <= MaxAttempts; attempt++)
                    {
                        try
                        {
                            ClientResult<ChatCompletion> result = _chat.CompleteChat(
                                new SystemChatMessage("Write a two-sentence marketing description for the product."),
                                new UserChatMessage(title));
                            description = result.Value.Content[0].Text;
                            break;
                        }
                        catch (ClientResultException ex) when (ex.Status == 429)
                        {
                            if (attempt == MaxAttempts)
                            {
                                Trace.TraceError("Still throttled on {0}, stopping batch", sku);
                                stopBatch = true;
                                break;
                            }

                            Trace.TraceWarning("429 on {0}, attempt {1}", sku, attempt);
                            Thread.Sleep(TimeSpan.FromSeconds(10 * attempt));
                        }
                    }

                    if (stopBatch)
                        break;

                    var enriched = new Dictionary<string, string> { { "sku", sku }, { "title", title }, { "description", description } };
                    writer.WriteLine(JsonSerializer.Serialize(enriched));
                    written++;
                }
            }

            Console.WriteLine("Enriched {0} products{1}", written, stopBatch ? " (stopped early)" : "");
            return written;
        }
    }
}
