using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.Sender.Clients;
using Relay.Sender.Options;

namespace Relay.Sender.Extensions;

internal static class SenderServiceExtensions
{
    public static IHostApplicationBuilder AddSenderServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<ApiClientOptions>().BindConfiguration(ApiClientOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiClientOptions>, ApiClientOptionsValidator>();

        // The defaults' resilience handler (one pipeline shared by every client, so its options can't
        // be set per client) retries POSTs, and a retried POST whose first attempt reached the Api
        // would publish the message twice. This client swaps it for its own standard handler that
        // never retries unsafe methods. RemoveAllResilienceHandlers is the documented way to do that;
        // it is still marked experimental.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<ApiClient>((services, client) =>
            {
                client.BaseAddress = new Uri("http://" + ResourceNames.Api);
                client.MaxResponseContentBufferSize = ApiClient.MaxResponseBytes;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                    ApiCredentials.BearerScheme, services.GetRequiredService<IOptions<ApiClientOptions>>().Value.ApiKey);
            })
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001

        return builder;
    }
}
