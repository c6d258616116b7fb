// lang: 7.3
// expect: flagged
// shape: C# 7.3 lazily-initialised property getter that loads the gateway's model list synchronously with GetStringAsync(...).GetAwaiter().GetResult() inside while (true), catching HttpRequestException without a filter, rethrowing after three tries and otherwise Thread.Sleep(500).
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;

namespace Corpus.N49
{
    public class ModelCatalog
    {
        private readonly HttpClient _http;
        private readonly object _sync = new object();
        private IReadOnlyList<string> _modelIds;

        public ModelCatalog(HttpClient http)
        {
            _http = http;
        }

        public IReadOnlyList<string> ModelIds
        {
            get
            {
                if (_modelIds != null)
                {
                    return _modelIds;
                }

                lock (_sync)
                {
                    if (_modelIds == null)
                    {
                        int tries = 0;
                        string json;
                        while (true)
                        {
                            try
                            {
                                json = _http.GetStringAsync("v1/models").GetAwaiter().GetResult();
                                break;
                            }
                            catch (HttpRequestException)
                            {
                                tries++;
                                if (tries >= 3)
                                {
                                    throw;
                                }

                                Thread.Sleep(500);
                            }
                        }

                        _modelIds = ExtractIds(json);
                    }

                    return _modelIds;
                }
            }
        }

        private static IReadOnlyList<string> ExtractIds(string json)
        {
            var ids = new List<string>();
            const string marker = "\"id\":\"";
            int index = 0;
            while ((index = json.IndexOf(marker, index, StringComparison.Ordinal)) >= 0)
            {
                index += marker.Length;
                int end = json.IndexOf('"', index);
                if (end < 0)
                {
                    break;
                }

                ids.Add(json.Substring(index, end - index));
                index = end;
            }

            return ids;
        }
    }
}
