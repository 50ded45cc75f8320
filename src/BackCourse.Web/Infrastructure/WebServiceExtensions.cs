using System.Threading.RateLimiting;
using FluentValidation;
using BackCourse.Web.Features.Bench;
using Hangfire;
using BackCourse.Web.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Infrastructure;

public static class WebServiceExtensions
{
    public const string AuthRateLimit = "auth";

    /// <summary>Options bound from configuration and validated before the site starts.</summary>
    public static IServiceCollection AddBackCourseOptions(this IServiceCollection services)
    {
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TrustedProxies.All(AppOptions.IsAddressOrNetwork), "App:TrustedProxies holds an entry that is neither an IP address nor a network such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>MVC with feature folders, antiforgery on every unsafe request, and FluentValidation (every validator, found by scanning).</summary>
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddControllersWithViews(o =>
        {
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            o.Filters.Add<ValidationFilter>();
            // FluentValidation owns the rules and their wording; no implicit [Required] from nullability.
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            PlainModelBinding.Apply(o);
        });
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "bc.af";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        // Every validator in the app, found once at start-up; each lives next to the form it checks.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    /// <summary>Errors as ProblemDetails, health checks, rate limits, forwarded headers and request ids in logs.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<MigrationsHealthCheck>("migrations");

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many attempts from your connection. Please wait a minute and try again.", ct);
            };
            o.AddPolicy(AuthRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.Value.AuthPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<AppOptions>>((o, app) =>
        {
            // ASP.NET Core believes loopback by default; here only what configuration names is believed.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            if (!app.Value.TrustForwardedHeaders)
            {
                o.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }
            // The proxy appends the address it saw; ForwardLimit 1 reads only that, never what the client wrote before it.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            if (app.Value.TrustedProxies.Count == 0)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Loopback);
                o.KnownProxies.Add(System.Net.IPAddress.IPv6Loopback);
            }
            foreach (var entry in app.Value.TrustedProxies)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(entry));
                }
            }
        });
        return services;
    }

    /// <summary>JSON logs with scopes (request id, trace id) outside Development; readable ones inside it.</summary>
    public static WebApplicationBuilder AddBackCourseLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o => { o.IncludeScopes = false; o.SingleLine = true; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; });
        }
        return builder;
    }

    /// <summary>The middleware pipeline, outermost first.</summary>
    public static WebApplication UseBackCoursePipeline(this WebApplication app)
    {
        app.UseBenchMode();
        app.UseForwardedHeaders();
        // An exception becomes the status it stands for (413 too large, 400 malformed, else 500) and that status's page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/exception",
            StatusCodeSelector = BadInput.StatusFor,
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseNulRefusal();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Static assets, health, and the controllers.</summary>
    public static WebApplication MapBackCourseEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", HealthResponse.Options).DisableRateLimiting();
        app.MapControllers();
        // Hangfire's dashboard, for admins only: its own filter would let any local request in, so it has none
        // and ASP.NET Core's admin policy decides (sign-in for anonymous, 403 for everyone else).
        app.MapHangfireDashboardWithAuthorizationPolicy(Domain.Policies.Admin, "/admin/jobs", new Hangfire.DashboardOptions
        {
            DashboardTitle = "BackCourse jobs",
            AppPath = "/admin",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<Hangfire.JobStorage>());
        return app;
    }
}
