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
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (app.Value.TrustForwardedHeaders)
            {
                // Behind a reverse proxy on another host: trust its X-Forwarded-* (the proxy must overwrite them).
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
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
