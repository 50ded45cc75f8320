using Microsoft.Extensions.Options;
using Stripe;

namespace BackCourse.Web.Features.Payments;

public static class PaymentsServiceExtensions
{
    /// <summary>Stripe through its SDK (or the local test page without a key), webhook intake, the event worker, fulfilment and refunds.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        services.AddHttpClient("stripe");
        // One SDK client for the app: it is thread-safe and keeps its connections.
        services.AddSingleton<IStripeClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("stripe");
            return new StripeClient(new StripeClientOptions
            {
                ApiKey = options.SecretKey,
                ApiBase = options.ApiBaseUrl,
                HttpClient = new SystemNetHttpClient(http, options.MaxRetries, enableTelemetry: false),
            });
        });
        services.AddScoped<StripeGateway>();
        services.AddScoped<LocalTestGateway>();
        services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<IOptions<StripeOptions>>().Value.UsesStripe
            ? sp.GetRequiredService<StripeGateway>()
            : sp.GetRequiredService<LocalTestGateway>());
        services.AddSingleton<LocalWebhookSecret>();
        services.AddSingleton<StripeEventSignal>();
        services.AddScoped<StripeWebhookIntake>();
        services.AddScoped<StripeEventProcessor>();
        services.AddScoped<OrderFulfilment>();
        services.AddScoped<OrderRefunds>();
        services.AddSingleton<StripeEventWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<StripeEventWorker>());
        return services;
    }
}

/// <summary>The local test payment page never runs in Production, and elsewhere only in Development or by explicit opt-in.</summary>
internal sealed class StripeOptionsValidator(IHostEnvironment environment) : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        if (environment.IsProduction() && (!options.UsesStripe || options.Secrets.Count == 0))
        {
            return ValidateOptionsResult.Fail(
                "Stripe__SecretKey and Stripe__WebhookSecrets are required in Production (the local test payment page is for development only).");
        }
        if (!options.UsesStripe && !environment.IsDevelopment() && !options.AllowTestPaymentPage)
        {
            return ValidateOptionsResult.Fail(
                "Without Stripe__SecretKey, checkout would use the local test payment page, which is allowed only in Development " +
                "or with Stripe__AllowTestPaymentPage=true. Set the Stripe keys, or opt in for a demo environment.");
        }
        if (options.UsesStripe && options.Secrets.Count == 0)
        {
            return ValidateOptionsResult.Fail("Stripe__WebhookSecrets is required when Stripe__SecretKey is set, or no payment could ever be confirmed.");
        }
        return ValidateOptionsResult.Success;
    }
}
