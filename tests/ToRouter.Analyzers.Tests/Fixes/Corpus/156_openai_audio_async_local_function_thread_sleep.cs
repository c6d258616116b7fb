// lang: latest
// expect: flagged
// shape: public non-async method that validates input and returns an async local function; inside it a for (int attempt = 1; ; attempt++) loop around AudioClient.TranscribeAudioAsync whose catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status >= 500) && attempt < 5) blocks with Thread.Sleep on a jittered exponential delay inside the async local function, and never checks the body for sticky quota codes
using System;
using System.ClientModel;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Audio;

namespace Corpus.N156;

public class MeetingTranscriber
{
    private static readonly Random Jitter = new();

    private readonly AudioClient _audio;
    private readonly ILogger<MeetingTranscriber> _logger;

    public MeetingTranscriber(AudioClient audio, ILogger<MeetingTranscriber> logger) => (_audio, _logger) = (audio, logger);

    public Task<string> TranscribeAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException("Recording not found", path);

        return RunAsync();

        async Task<string> RunAsync()
        {
            var options = new AudioTranscriptionOptions
            {
                Language = "en",
                ResponseFormat = AudioTranscriptionFormat.Text,
            };

            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await using var audio = File.OpenRead(path);
                    AudioTranscription transcription = await _audio.TranscribeAudioAsync(audio, Path.GetFileName(path), options, ct);
                    return transcription.Text;
                }
                catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status >= 500) && attempt < 5)
                {
                    var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Jitter.Next(250, 1000));
                    _logger.LogInformation("Transcription of {File} throttled ({Status}), sleeping {Backoff}", Path.GetFileName(path), ex.Status, backoff);
                    Thread.Sleep(backoff);
                }
            }
        }
    }
}
