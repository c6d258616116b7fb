// lang: latest
// expect: flagged
// shape: async Task<byte[]> method with a bounded for loop around ImageClient.GenerateImageAsync; catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status >= 500) && i < MaxTries - 1) computes a jittered exponential delay but blocks the thread with Thread.Sleep inside the async method, and does not check the body for sticky quota codes
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Images;

namespace Corpus.N137
{
    public class ThumbnailGenerator
    {
        private const int MaxTries = 4;
        private static readonly Random Jitter = new Random();

        private readonly ImageClient images;

        public ThumbnailGenerator(ImageClient images)
        {
            this.images = images;
        }

        public async Task<byte[]> GenerateAsync(string productName, string style)
        {
            var options = new ImageGenerationOptions
            {
                Size = GeneratedImageSize.W1024xH1024,
                Quality = GeneratedImageQuality.Standard,
                ResponseFormat = GeneratedImageFormat.Bytes,
            };
            string prompt = $"Product thumbnail of {productName}, {style}, white background";

            for (int i = 0; i < MaxTries; i++)
            {
                try
                {
                    GeneratedImage image = await images.GenerateImageAsync(prompt, options);
                    return image.ImageBytes.ToArray();
                }
                catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status >= 500) && i < MaxTries - 1)
                {
                    int sleepMs = (int)(Math.Pow(2, i) * 1000) + Jitter.Next(250, 1250);
                    Console.WriteLine($"image generation failed ({ex.Status}), sleeping {sleepMs} ms");
                    Thread.Sleep(sleepMs);
                }
            }

            throw new InvalidOperationException("image generation retries exhausted");
        }
    }
}
