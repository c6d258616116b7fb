// lang: latest
// expect: flagged
// shape: an Azure Functions-style HTTP handler generates a product image through a recursive helper that calls itself on ClientResultException status 429 while attemptsLeft > 0, honouring Retry-After or else waiting 2^n s without jitter, but never reads the body, so sticky quota 429s are retried too.
#nullable enable
using System;
using System.ClientModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Images;

namespace Corpus.N304;

public sealed record FunctionRequest(string Method, string? Sku, string? Prompt);
public sealed record FunctionResponse(int Status, string Body);

// [Function("GenerateProductImage")] — HttpTrigger(AuthorizationLevel.Function, "post")
public sealed class GenerateProductImageFunction
{
    private readonly ImageClient _images;
    private readonly ILogger _logger;

    public GenerateProductImageFunction(ImageClient images, ILoggerFactory loggerFactory)
    {
        _images = images;
        _logger = loggerFactory.CreateLogger<GenerateProductImageFunction>();
    }

    public async Task<FunctionResponse> RunAsync(FunctionRequest req, CancellationToken ct)
    {
        if (req.Method != "POST" || string.IsNullOrEmpty(req.Sku) || string.IsNullOrEmpty(req.Prompt))
            return new FunctionResponse(400, "sku and prompt are required");

        var options = new ImageGenerationOptions
        {
            Size = GeneratedImageSize.W1024xH1024,
            ResponseFormat = GeneratedImageFormat.Uri,
        };

        GeneratedImage image = await GenerateAsync($"Studio product photo, white background: {req.Prompt}", options, 4, ct);
        _logger.LogInformation("Image for {Sku}: {Uri}", req.Sku, image.ImageUri);
        return new FunctionResponse(200, image.ImageUri?.ToString() ?? "");
    }

    private async Task<GeneratedImage> GenerateAsync(string prompt, ImageGenerationOptions options, int attemptsLeft, CancellationToken ct)
    {
        try
        {
            return await _images.GenerateImageAsync(prompt, options, ct);
        }
        catch (ClientResultException ex) when (ex.Status == 429 && attemptsLeft > 0)
        {
            var wait = TimeSpan.FromSeconds(Math.Pow(2, 4 - attemptsLeft));
            var raw = ex.GetRawResponse();
            if (raw != null && raw.Headers.TryGetValue("Retry-After", out var retryAfter) && int.TryParse(retryAfter, out var seconds))
                wait = TimeSpan.FromSeconds(seconds);

            _logger.LogWarning("Image generation throttled, {Left} attempts left, waiting {Wait}", attemptsLeft, wait);
            await Task.Delay(wait, ct);
            return await GenerateAsync(prompt, options, attemptsLeft - 1, ct);
        }
    }
}
