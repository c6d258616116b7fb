// lang: latest
// expect: flagged
// shape: for loop around ImageClient.GenerateImageAsync with a bare catch filtered only by the attempt index (catch when (attempt < MaxAttempts - 1)), which bounds the loop but does not narrow the failure kind, and a constant Task.Delay(TimeSpan.FromSeconds(5)).
using System;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Images;

namespace Corpus.N82;

public sealed class ThumbnailIllustrator
{
    private const int MaxAttempts = 3;
    private readonly ImageClient _images;

    public ThumbnailIllustrator(ImageClient images) => _images = images;

    public async Task<Uri> IllustrateAsync(string articleTitle, CancellationToken ct)
    {
        var options = new ImageGenerationOptions
        {
            Size = GeneratedImageSize.W1024xH1024,
            ResponseFormat = GeneratedImageFormat.Uri,
        };

        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                GeneratedImage image = await _images.GenerateImageAsync($"Flat editorial illustration for an article titled \"{articleTitle}\"", options, ct);
                return image.ImageUri;
            }
            catch when (attempt < MaxAttempts - 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
        }

        throw new InvalidOperationException("unreachable: the last attempt is not caught");
    }
}
