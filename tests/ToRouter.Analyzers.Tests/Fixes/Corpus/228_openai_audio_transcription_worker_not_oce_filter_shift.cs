// lang: latest
// expect: flagged
// shape: Voicemail transcription worker retries AudioClient.TranscribeAudioAsync on any exception that is not an OperationCanceledException (a non-narrowing filter that also covers 401/404 and sticky 429), waiting an unjittered 1 << attempt seconds.
#nullable enable
using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI.Audio;

namespace Corpus.N228
{
    public sealed class TranscriptionOptions
    {
        public int MaxAttempts { get; set; } = 5;
        public string Language { get; set; } = "en";
    }

    public sealed record Voicemail(string Id, string FilePath, DateTimeOffset ReceivedAt);

    public sealed class VoicemailTranscriptionWorker
    {
        private readonly AudioClient _audio;
        private readonly TranscriptionOptions _options;
        private readonly ILogger<VoicemailTranscriptionWorker> _logger;
        private static readonly ActivitySource Activity = new("Voicemail.Transcription");

        public VoicemailTranscriptionWorker(AudioClient audio, TranscriptionOptions options, ILogger<VoicemailTranscriptionWorker> logger)
        {
            _audio = audio;
            _options = options;
            _logger = logger;
        }

        public async Task<string> TranscribeAsync(Voicemail voicemail, CancellationToken stoppingToken)
        {
            using var activity = Activity.StartActivity("transcribe");
            activity?.SetTag("voicemail.id", voicemail.Id);

            var transcriptionOptions = new AudioTranscriptionOptions
            {
                Language = _options.Language,
                ResponseFormat = AudioTranscriptionFormat.Text,
            };

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var audio = File.OpenRead(voicemail.FilePath);
                    AudioTranscription transcription = await _audio.TranscribeAudioAsync(
                        audio, Path.GetFileName(voicemail.FilePath), transcriptionOptions, stoppingToken);

                    activity?.SetTag("transcription.attempts", attempt);
                    return transcription.Text;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < _options.MaxAttempts)
                {
                    var wait = TimeSpan.FromSeconds(1 << attempt);
                    _logger.LogWarning(ex, "Transcription of {VoicemailId} failed (attempt {Attempt}/{Max}); retrying in {Wait}",
                        voicemail.Id, attempt, _options.MaxAttempts, wait);
                    await Task.Delay(wait, stoppingToken);
                }
            }
        }
    }
}
