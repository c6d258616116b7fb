// lang: latest
// expect: flagged
// shape: Startup model-catalog warm-up retries HttpClient.GetFromJsonAsync on HttpRequestException unless the status is 401 (so 400/403/404 and sticky 429 are retried), counting retries down with a linearly growing delay, then silently falls back to an empty catalog.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Corpus.N233
{
    public sealed record ModelInfo(string Id, string Owned_By);
    public sealed record ModelList(List<ModelInfo> Data);

    public sealed class ModelCatalog
    {
        private readonly HttpClient _http;
        private readonly ILogger<ModelCatalog> _logger;
        private IReadOnlyList<string> _models = Array.Empty<string>();

        public ModelCatalog(HttpClient http, ILogger<ModelCatalog> logger)
        {
            _http = http;
            _logger = logger;
        }

        public IReadOnlyList<string> Models => _models;

        public bool Supports(string model) => _models.Contains(model, StringComparer.OrdinalIgnoreCase);

        // Called once from the app's startup warm-up.
        public async Task WarmUpAsync(CancellationToken cancellationToken)
        {
            var retries = 5;
            var delay = TimeSpan.FromSeconds(1);

            while (retries > 0)
            {
                try
                {
                    var list = await _http.GetFromJsonAsync<ModelList>("v1/models", cancellationToken);
                    _models = list?.Data.Select(m => m.Id).OrderBy(id => id).ToArray() ?? Array.Empty<string>();
                    _logger.LogInformation("Model catalog loaded: {Count} models", _models.Count);
                    return;
                }
                catch (HttpRequestException ex) when (ex.StatusCode != HttpStatusCode.Unauthorized)
                {
                    retries--;
                    _logger.LogWarning(ex, "Loading model catalog failed ({Status}); {Retries} retries left, next in {Delay}",
                        ex.StatusCode, retries, delay);
                    await Task.Delay(delay, cancellationToken);
                    delay += TimeSpan.FromSeconds(2);
                }
            }

            _logger.LogError("Model catalog unavailable; continuing with an empty catalog");
            _models = Array.Empty<string>();
        }
    }
}
