// lang: 7.3
// expect: flagged
// shape: C# 7.3 for loop around HttpClient.GetStringAsync with an unfiltered catch (HttpRequestException) that logs and waits a constant 500 ms, returning null after the last attempt.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Corpus.N16
{
    public class ModelCatalogReader
    {
        private static readonly HttpClient Client = new HttpClient { BaseAddress = new Uri("https://gateway.torouter.example/") };

        public async Task<string> GetModelsJsonAsync()
        {
            for (int i = 0; i < 3; i++)
            {
                try
                {
                    return await Client.GetStringAsync("v1/models");
                }
                catch (HttpRequestException ex)
                {
                    Console.WriteLine("Could not load model list (attempt {0}): {1}", i + 1, ex.Message);
                    await Task.Delay(500);
                }
            }

            return null;
        }
    }
}
