// lang: latest
// expect: flagged
// shape: synchronous while (true) around OpenAI AudioClient.GenerateSpeech with no attempt counter; catch (ClientResultException ex) when (ex.Status == 429) writes to Console and Thread.Sleep(5000)s forever (sticky quota 429s included), every other status rethrows
using System;
using System.ClientModel;
using System.IO;
using System.Threading;
using OpenAI;
using OpenAI.Audio;

namespace Corpus.N117
{
    public class NarrationExporter
    {
        private readonly AudioClient audioClient;
        private readonly string outputDir;

        public NarrationExporter(string apiKey, string outputDir)
        {
            var client = new OpenAIClient(apiKey);
            this.audioClient = client.GetAudioClient("gpt-4o-mini-tts");
            this.outputDir = outputDir;
        }

        public string ExportChapter(int chapterNumber, string text)
        {
            var path = Path.Combine(outputDir, $"chapter-{chapterNumber:D3}.mp3");
            var options = new SpeechGenerationOptions
            {
                ResponseFormat = GeneratedSpeechFormat.Mp3,
                SpeedRatio = 1.0f
            };

            while (true)
            {
                try
                {
                    BinaryData speech = audioClient.GenerateSpeech(text, GeneratedSpeechVoice.Alloy, options);
                    using (var fs = File.Create(path))
                    {
                        speech.ToStream().CopyTo(fs);
                    }
                    Console.WriteLine($"[tts] chapter {chapterNumber} -> {path}");
                    return path;
                }
                catch (ClientResultException ex) when (ex.Status == 429)
                {
                    Console.WriteLine($"[tts] rate limited on chapter {chapterNumber}, sleeping 5s");
                    Thread.Sleep(5000);
                }
            }
        }
    }
}
