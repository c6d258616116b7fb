// lang: latest
// expect: flagged
// shape: synchronous for loop around ImageClient.GenerateImage; catch (ClientResultException ex) when (ex.Status == 429 || ex.Status == 503) writes to Debug and Thread.Sleeps a constant 3000 ms (sticky quota 429s retried, body never read); after the last attempt it logs and returns null instead of throwing
using System;
using System.ClientModel;
using System.Diagnostics;
using System.Threading;
using OpenAI.Images;

namespace Corpus.N162
{
    public class ThumbnailGenerator
    {
        private readonly ImageClient _images;

        public ThumbnailGenerator(ImageClient images)
        {
            _images = images;
        }

        public int MaxAttempts { get; set; } = 3;

        public BinaryData GenerateThumbnail(string articleTitle)
        {
            var options = new ImageGenerationOptions
            {
                Size = GeneratedImageSize.W1024xH1024,
                ResponseFormat = GeneratedImageFormat.Bytes,
            };
            string prompt = $"Flat vector illustration for a blog post titled \"{articleTitle}\". No text, muted colours.";

            for (int i = 0; i < MaxAttempts; i++)
            {
                try
                {
                    GeneratedImage image = _images.GenerateImage(prompt, options);
                    return image.ImageBytes;
                }
                catch (ClientResultException ex) when (ex.Status == 429 || ex.Status == 503)
                {
                    Debug.WriteLine($"Image generation busy ({ex.Status}), attempt {i + 1} of {MaxAttempts}");
                    Thread.Sleep(3000);
                }
            }

            Debug.WriteLine($"Image generation failed for '{articleTitle}', publishing without a thumbnail");
            return null;
        }
    }
}
