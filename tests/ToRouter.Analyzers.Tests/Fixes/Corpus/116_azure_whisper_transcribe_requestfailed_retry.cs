// lang: latest
// expect: flagged
// shape: #nullable enable; for loop around an Azure.AI.OpenAI AudioClient.TranscribeAudioAsync whose catch (RequestFailedException ex) when (IsTransient(ex) && attempt < maxRetries) retries 429 alongside 408/5xx without reading the error body for sticky quota codes, waits an unjittered 2^attempt seconds, and makes a final attempt after the loop
#nullable enable
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.AI.OpenAI;
using OpenAI.Audio;

namespace Corpus.N116
{
    /// <summary>
    /// Push-to-talk transcription against an Azure OpenAI whisper deployment.
    /// </summary>
    public sealed class DictationTranscriber
    {
        private readonly AudioClient _audio;
        private readonly string? _language;

        public DictationTranscriber(Uri endpoint, string apiKey, string deployment, string? language = null)
        {
            var client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(apiKey));
            _audio = client.GetAudioClient(deployment);
            _language = language;
        }

        private async Task<string?> TranscribeOnceAsync(byte[] wav, CancellationToken ct)
        {
            using var stream = new MemoryStream(wav);
            var options = new AudioTranscriptionOptions
            {
                ResponseFormat = AudioTranscriptionFormat.Text,
                Language = _language,
            };

            var result = await _audio.TranscribeAudioAsync(stream, "dictation.wav", options, ct);
            return result.Value.Text;
        }

        public async Task<string?> TranscribeWithRetryAsync(byte[] wav, int maxRetries = 3, CancellationToken ct = default)
        {
            if (wav.Length == 0)
                return null;

            for (int attempt = 0; attempt <= maxRetries; attempt++)
            {
                try
                {
                    return await TranscribeOnceAsync(wav, ct);
                }
                catch (RequestFailedException ex) when (IsTransient(ex) && attempt < maxRetries)
                {
                    // 1s, 2s, 4s ...
                    var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                    await Task.Delay(delay, ct);
                }
            }

            // unreachable in practice, keeps the compiler happy
            return await TranscribeOnceAsync(wav, ct);
        }

        private static bool IsTransient(RequestFailedException ex) =>
            ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
    }
}
