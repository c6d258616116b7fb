// lang: latest
// expect: flagged
// shape: bounded for loop around Kernel.InvokeAsync<string> for a prompt function; catch (HttpOperationException ex) maps ex.StatusCode through a switch expression where TooManyRequests, Unauthorized ("key rotation may lag") and 5xx mean retry, rethrows otherwise, and waits an unjittered 2^attempt seconds
using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Corpus.N119;

public class TicketSummarizer(Kernel kernel, ILogger<TicketSummarizer> logger)
{
    private const int MaxAttempts = 5;

    public async Task<string> SummarizeAsync(string ticketBody, CancellationToken cancellationToken = default)
    {
        var arguments = new KernelArguments { ["input"] = ticketBody };

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var summary = await kernel.InvokeAsync<string>("Support", "Summarize", arguments, cancellationToken);
                return summary ?? string.Empty;
            }
            catch (HttpOperationException ex)
            {
                var retry = ex.StatusCode switch
                {
                    HttpStatusCode.TooManyRequests => true,
                    // key rotation in Key Vault can lag a few seconds behind the gateway
                    HttpStatusCode.Unauthorized => true,
                    HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => true,
                    _ => false,
                };

                if (!retry || attempt + 1 >= MaxAttempts)
                {
                    throw;
                }

                var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                logger.LogWarning("Summarize got {Status}; retry {Attempt} in {Wait}", ex.StatusCode, attempt + 1, wait);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}
