// lang: latest
// expect: flagged
// shape: Synchronous CMS hero-image generator loops ten times around ImageClient.GenerateImage with an unfiltered catch (ClientResultException) that sleeps a fixed 60 s on 429 and 1 s otherwise (so 400/401/403 and sticky quota are retried too), then returns null when all attempts fail.
#nullable enable
using System;
using System.ClientModel;
using System.IO;
using System.Threading;
using OpenAI;
using OpenAI.Images;

namespace Corpus.N328
{
    public class HeroImageGenerator
    {
        private readonly ImageClient _images;
        private readonly string _outputFolder;

        public HeroImageGenerator(string apiKey, string outputFolder)
        {
            var options = new OpenAIClientOptions { Endpoint = new Uri("https://api.torouter.example/v1") };
            _images = new ImageClient("dall-e-3", new ApiKeyCredential(apiKey), options);
            _outputFolder = outputFolder;
        }

        /// <summary>Returns the saved file path, or null if no image could be generated.</summary>
        public string? GenerateForArticle(string slug, string articleSummary)
        {
            var imageOptions = new ImageGenerationOptions
            {
                Size = GeneratedImageSize.W1792xH1024,
                Quality = GeneratedImageQuality.Standard,
                ResponseFormat = GeneratedImageFormat.Bytes,
            };
            string prompt = "Flat illustration, no text, for a blog article about: " + articleSummary;

            for (int i = 0; i < 10; i++)
            {
                try
                {
                    GeneratedImage image = _images.GenerateImage(prompt, imageOptions).Value;

                    string path = Path.Combine(_outputFolder, slug + ".png");
                    using (var fs = File.Create(path))
                    {
                        image.ImageBytes.ToStream().CopyTo(fs);
                    }
                    Console.WriteLine($"hero image for '{slug}' saved to {path}");
                    return path;
                }
                catch (ClientResultException ex)
                {
                    if (ex.Status == 429)
                    {
                        // rate limited - wait a full minute, the limit is per minute anyway
                        Console.WriteLine($"rate limited on '{slug}', waiting 60s (attempt {i + 1}/10)");
                        Thread.Sleep(60_000);
                    }
                    else
                    {
                        Console.WriteLine($"image API error {ex.Status} on '{slug}': {ex.Message}");
                        Thread.Sleep(1000);
                    }
                }
            }

            Console.WriteLine($"giving up on hero image for '{slug}', article will use the default banner");
            return null;
        }
    }
}
