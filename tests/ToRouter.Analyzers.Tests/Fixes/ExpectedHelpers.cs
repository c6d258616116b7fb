namespace ToRouter.Analyzers.Tests.Fixes
{
    /// <summary>
    /// The helper members the rewrite generates, at the default options, written out once for the expected outputs of the fix
    /// tests (which put them in with <c>{{ExpectedHelpers.X}}</c>, one member a line). Each is the exact text of one class member,
    /// with its leading comment and attributes, indented by four spaces; a member that sits deeper (in a namespace) stays written out.
    /// </summary>
    internal static class ExpectedHelpers
    {
        /// <summary>OpenAI / Azure.AI.OpenAI / System.ClientModel: IsRetryable for ClientResultException (network failure, spent quota, long Retry-After, retryable status).</summary>
        public const string IsRetryableClientResult = """
    // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
    private static bool IsRetryable(ClientResultException ex)
    {
        if (ex.Status == 0)
        {
            return true; // no response came back: a network failure
        }

        var error = ex.Message;
        var response = ex.GetRawResponse();
        try
        {
            error += response == null ? "" : response.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            // the error body was not buffered; the message still names the error
        }

        foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
        {
            if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
            {
                return false;
            }
        }

        if (GetRetryAfter(ex) > TimeSpan.FromMilliseconds(30000))
        {
            return false; // the server asks for a longer wait than the backoff cap
        }

        return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
    }
""";

        /// <summary>GetRetryAfter for ClientResultException: the Retry-After header of the raw response, through ParseRetryAfter.</summary>
        public const string GetRetryAfterClientResult = """
    private static TimeSpan? GetRetryAfter(ClientResultException ex)
    {
        var response = ex.GetRawResponse();
        string value;
        return response != null && response.Headers.TryGetValue("Retry-After", out value) ? ParseRetryAfter(value) : null;
    }
""";

        /// <summary>Azure.Core: IsRetryable for RequestFailedException (its error code, message and raw body; a long Retry-After; the status).</summary>
        public const string IsRetryableAzure = """
    // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
    private static bool IsRetryable(RequestFailedException ex)
    {
        if (ex.Status == 0)
        {
            return true; // no response came back: a network failure
        }

        var error = ex.ErrorCode + " " + ex.Message;
        var response = ex.GetRawResponse();
        try
        {
            error += response == null ? "" : response.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            // the error body was not buffered; the message still names the error
        }

        foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
        {
            if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
            {
                return false;
            }
        }

        if (GetRetryAfter(ex) > TimeSpan.FromMilliseconds(30000))
        {
            return false; // the server asks for a longer wait than the backoff cap
        }

        return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
    }
""";

        /// <summary>GetRetryAfter for RequestFailedException: the Retry-After header of the raw response, through ParseRetryAfter.</summary>
        public const string GetRetryAfterAzure = """
    private static TimeSpan? GetRetryAfter(RequestFailedException ex)
    {
        var response = ex.GetRawResponse();
        string value;
        return response != null && response.Headers.TryGetValue("Retry-After", out value) ? ParseRetryAfter(value) : null;
    }
""";

        /// <summary>Semantic Kernel: IsRetryable for HttpOperationException (the inner ClientResultException first, then the status and the response content).</summary>
        public const string IsRetryableSemanticKernel = """
    // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
    private static bool IsRetryable(HttpOperationException ex)
    {
        var inner = ex.InnerException as ClientResultException;
        if (inner != null)
        {
            return IsRetryable(inner); // the OpenAI connector wraps the SDK's exception
        }

        if (ex.StatusCode == null)
        {
            return true; // no response came back: a network failure
        }

        var error = ex.Message + " " + ex.ResponseContent;
        foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
        {
            if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
            {
                return false;
            }
        }

        var status = (int)ex.StatusCode.Value;
        return status == 408 || status == 429 || status >= 500;
    }
""";

        /// <summary>ParseRetryAfter: a Retry-After header value as seconds or an HTTP date.</summary>
        public const string ParseRetryAfter = """
    // Retry-After is either a number of seconds or an HTTP date.
    private static TimeSpan? ParseRetryAfter(string value)
    {
        int seconds;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        DateTimeOffset date;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return date - DateTimeOffset.UtcNow;
        }

        return null;
    }
""";

        /// <summary>ShouldFailOver for ClientResultException: fail over on a network failure, 408, 429 or 5xx, not on 400-404 (the request's own fault).</summary>
        public const string ShouldFailOverClientResult = """
    // Another key or endpoint may succeed where this one is unreachable, overloaded, rate limited or out of quota; 400-404 are the request's own fault.
    private static bool ShouldFailOver(ClientResultException ex)
    {
        if (ex.Status == 0)
        {
            return true; // no response came back: a network failure
        }

        return ex.Status == 408 || ex.Status == 429 || ex.Status >= 500;
    }
""";

        /// <summary>HttpClient: IsRetryable for a failed HttpResponseMessage and its body.</summary>
        public const string IsRetryableHttpResponse = """
    // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
    private static bool IsRetryable(HttpResponseMessage response, string body)
    {
        if (response == null)
        {
            return true; // no response came back: a network failure
        }

        var error = body ?? "";
        foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
        {
            if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
            {
                return false;
            }
        }

        if (GetRetryAfter(response) > TimeSpan.FromMilliseconds(30000))
        {
            return false; // the server asks for a longer wait than the backoff cap
        }

        var status = (int)response.StatusCode;
        return status == 408 || status == 429 || status >= 500;
    }
""";

        /// <summary>HttpClient: GetRetryAfter from the Retry-After header of an HttpResponseMessage.</summary>
        public const string GetRetryAfterHttpResponse = """
    private static TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response == null ? null : response.Headers.RetryAfter;
        return retryAfter == null ? null : retryAfter.Delta ?? retryAfter.Date - DateTimeOffset.UtcNow;
    }
""";

        /// <summary>Anthropic SDK: IsRetryable for AnthropicException.</summary>
        public const string IsRetryableAnthropic = """
    // Spent quotas (API_KEY_QUOTA_EXHAUSTED, USAGE_LIMIT_EXCEEDED, ...) never clear by waiting, so they are terminal like 400-404.
    private static bool IsRetryable(AnthropicException ex)
    {
        var apiError = ex as AnthropicApiException;
        if (apiError == null)
        {
            return ex is AnthropicIOException; // no response came back: a network failure
        }

        var error = apiError.Type?.Raw() + " " + apiError.ErrorCode + " " + apiError.ResponseBody;
        foreach (var code in new[] { "API_KEY_QUOTA_EXHAUSTED", "USAGE_LIMIT_EXCEEDED", "insufficient_quota" })
        {
            if (error.IndexOf(code, StringComparison.Ordinal) >= 0)
            {
                return false;
            }
        }

        var status = (int)apiError.StatusCode;
        return status == 408 || status == 429 || status >= 500;
    }
""";

        /// <summary>GetRetryDelay at the default options: full jitter below 1000 ms * 2^(attempt - 1), capped at 30000 ms, never below Retry-After.</summary>
        public const string RetryDelay = """
    // Exponential backoff with full jitter: a random wait below 1000 ms * 2^(attempt - 1), at most 30000 ms, never shorter than Retry-After.
    private static TimeSpan GetRetryDelay(int attempt, TimeSpan? retryAfter)
    {
        if (s_retryRandom == null)
        {
            s_retryRandom = new Random(Guid.NewGuid().GetHashCode());
        }

        var ceiling = Math.Min(30000, 1000 * Math.Pow(2, Math.Min(attempt - 1, 30)));
        var delay = TimeSpan.FromMilliseconds(s_retryRandom.NextDouble() * ceiling);
        return retryAfter > delay ? retryAfter.Value : delay;
    }
""";

        /// <summary>The [ThreadStatic] Random that GetRetryDelay draws from.</summary>
        public const string RetryRandom = """
    // One generator per thread: System.Random is not thread-safe.
    [ThreadStatic]
    private static Random s_retryRandom;
""";
    }
}
