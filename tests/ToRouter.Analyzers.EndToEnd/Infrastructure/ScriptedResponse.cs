using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ToRouter.Analyzers.EndToEnd.Infrastructure
{
    public enum ResponseKind
    {
        /// <summary>An HTTP response.</summary>
        Respond,

        /// <summary>Read the request, then close the connection without a byte of response.</summary>
        Drop,
    }

    /// <summary>One scripted answer.</summary>
    public sealed class ScriptedResponse
    {
        public ResponseKind Kind { get; init; }
        public int Status { get; init; }
        public string Body { get; init; } = "";
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = Array.Empty<KeyValuePair<string, string>>();
        /// <summary>How the report and request log name it, e.g. "429 API_KEY_QUOTA_EXHAUSTED".</summary>
        public string Label { get; init; }
        /// <summary>Wait this long before answering.</summary>
        public TimeSpan Delay { get; init; }

        public static ScriptedResponse Dropped() => new() { Kind = ResponseKind.Drop, Label = "drop" };

        /// <summary>The same response with one more header (e.g. Retry-After).</summary>
        public ScriptedResponse WithHeader(string name, string value) => new()
        {
            Kind = Kind,
            Status = Status,
            Body = Body,
            Headers = Headers.Concat(new[] { new KeyValuePair<string, string>(name, value) }).ToArray(),
            Label = Label + " + " + name + ": " + value,
            Delay = Delay,
        };

        public byte[] Serialize()
        {
            byte[] body = Encoding.UTF8.GetBytes(Body ?? "");
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase(Status)).Append("\r\n");
            head.Append("Content-Type: application/json\r\n");
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Connection: close\r\n");
            head.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
            foreach (var header in Headers)
            {
                head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            }

            head.Append("\r\n");
            byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
            var all = new byte[headBytes.Length + body.Length];
            headBytes.CopyTo(all, 0);
            body.CopyTo(all, headBytes.Length);
            return all;
        }

        private static string ReasonPhrase(int status) => status switch
        {
            200 => "OK",
            400 => "Bad Request",
            401 => "Unauthorized",
            402 => "Payment Required",
            403 => "Forbidden",
            404 => "Not Found",
            408 => "Request Timeout",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => "Status",
        };
    }

    /// <summary>
    /// ToRouter's answers in one provider's wire shape. ToRouter speaks the OpenAI shape on
    /// <c>/v1/chat/completions</c> (<c>{"error":{"message","type","code"}}</c>) and the Anthropic shape on
    /// <c>/v1/messages</c> (<c>{"type":"error","error":{"type","message"}}</c>). The error kinds are the
    /// gateway's (SPEC §1); the 200 bodies are ones the real SDKs parse (checked by the harness self-tests).
    /// </summary>
    public abstract class Wire
    {
        public static readonly Wire OpenAi = new OpenAiWire();
        public static readonly Wire Anthropic = new AnthropicWire();

        public const string ReplyText = "pong";

        public abstract string Name { get; }

        /// <summary>200 with a valid completion whose text is <see cref="ReplyText"/>.</summary>
        public abstract ScriptedResponse Ok();

        /// <summary>An error response; <paramref name="code"/> is sent as <c>error.code</c> where the shape has one.</summary>
        public abstract ScriptedResponse Error(int status, string type, string message, string code = null);

        /// <summary>429 per-key rate limit: retryable.</summary>
        public ScriptedResponse RateLimited() => Error(429, "rate_limit_exceeded", "rate limit exceeded", "rate_limit_exceeded");

        /// <summary>429 spending cap: sticky, never retry. Only <c>error.type</c> carries the code.</summary>
        public ScriptedResponse KeyQuotaExhausted() => Error(429, "API_KEY_QUOTA_EXHAUSTED", "API key quota exhausted: the key reached its spending cap");

        /// <summary>429 subscription window cap: sticky, never retry. Both type and code carry it.</summary>
        public ScriptedResponse UsageLimitExceeded() => Error(429, "USAGE_LIMIT_EXCEEDED", "usage limit exceeded for the current subscription window", "USAGE_LIMIT_EXCEEDED");

        public ScriptedResponse InvalidApiKey() => Error(401, "INVALID_API_KEY", "invalid API key", "INVALID_API_KEY");

        public ScriptedResponse InsufficientBalance402() => Error(402, "insufficient_balance", "insufficient balance: top up to continue");

        public ScriptedResponse InsufficientBalance403() => Error(403, "INSUFFICIENT_BALANCE", "insufficient balance", "INSUFFICIENT_BALANCE");

        public ScriptedResponse ModelNotFound() => Error(404, "not_found_error", "model 'gpt-unknown' not found in this group's catalog", "model_not_found");

        public ScriptedResponse InternalError() => Error(500, "internal_error", "internal server error");

        public ScriptedResponse UpstreamUnavailable() => Error(502, "upstream_unavailable", "upstream provider unavailable", "upstream_unavailable");

        public ScriptedResponse ServiceUnavailable() => Error(503, "service_unavailable", "service temporarily unavailable");

        public ScriptedResponse GatewayTimeout() => Error(504, "gateway_timeout", "upstream timed out");

        protected static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);

        private sealed class OpenAiWire : Wire
        {
            public override string Name => "openai";

            public override ScriptedResponse Ok() => new()
            {
                Status = 200,
                Label = "200",
                Body = "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                     + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + ReplyText + "\",\"refusal\":null},"
                     + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                     + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4},\"system_fingerprint\":null}",
            };

            public override ScriptedResponse Error(int status, string type, string message, string code = null) => new()
            {
                Status = status,
                Label = status.ToString(CultureInfo.InvariantCulture) + " " + type,
                Body = "{\"error\":{\"message\":" + Json(message) + ",\"type\":" + Json(type) + ",\"param\":null,\"code\":" + (code == null ? "null" : Json(code)) + "}}",
            };
        }

        private sealed class AnthropicWire : Wire
        {
            public override string Name => "anthropic";

            public override ScriptedResponse Ok() => new()
            {
                Status = 200,
                Label = "200",
                Headers = new[] { new KeyValuePair<string, string>("request-id", "req_e2e") },
                Body = "{\"id\":\"msg_e2e\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                     + "\"content\":[{\"type\":\"text\",\"text\":\"" + ReplyText + "\",\"citations\":null}],"
                     + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                     + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}",
            };

            public override ScriptedResponse Error(int status, string type, string message, string code = null) => new()
            {
                Status = status,
                Label = status.ToString(CultureInfo.InvariantCulture) + " " + type,
                Headers = new[] { new KeyValuePair<string, string>("request-id", "req_e2e") },
                Body = "{\"type\":\"error\",\"error\":{\"type\":" + Json(type) + ",\"message\":" + Json(message) + "}}",
            };
        }
    }
}
