using System.Threading.RateLimiting;
using BackCourse.Web.Data;
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

    /// <summary>MVC with feature folders, antiforgery on every unsafe request, and FluentValidation.</summary>
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
        services.AddScoped<StartupSeeder>();
        services.AddScoped<Content.CourseImporter>();
        services.AddScoped<Features.Learning.CourseOutlineReader>();
        services.AddScoped<Features.Learning.LearnerSession>();
        services.AddScoped<Features.Tools.PainLog>();
        services.AddScoped<Features.Admin.EnrolmentActions>();
        services.AddScoped<FluentValidation.IValidator<Features.Learning.WorksheetSubmission>, Features.Learning.WorksheetSubmissionValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Tools.PainLogForm>, Features.Tools.PainLogFormValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Admin.MoveStartForm>, Features.Admin.MoveStartFormValidator>();
        services.AddScoped<Features.Learning.SectionPageBuilder>();
        services.AddScoped<Features.Quizzes.QuizAttempts>();
        services.AddScoped<Features.Reflections.ReflectionWork>();
        services.AddScoped<Features.Instructor.ReflectionReviewQueue>();
        services.AddScoped<Features.Instructor.ReflectionNotifications>();
        Features.Instructor.InstructorServiceExtensions.AddRedFlagAlerts(services);
        services.AddScoped<Features.Reviews.CourseReviews>();
        services.AddScoped<Features.Learning.DashboardReader>();
        services.AddScoped<FluentValidation.IValidator<Features.Reflections.ReflectionAnswers>, Features.Reflections.ReflectionAnswersValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Reflections.MessageForm>, Features.Reflections.MessageFormValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Feedback.SuggestionForm>, Features.Feedback.SuggestionFormValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Feedback.WeekFeedbackAnswers>, Features.Feedback.WeekFeedbackAnswersValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Instructor.ReviewForm>, Features.Instructor.ReviewFormValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Reviews.ReviewForm>, Features.Reviews.ReviewFormValidator>();
        services.AddScoped<FluentValidation.IValidator<Features.Admin.ReplyForm>, Features.Admin.ReplyFormValidator>();
        services.AddScoped<Features.Admin.CourseDashboard>();
        services.AddScoped<Features.Admin.LearnerActivity>();
        services.AddScoped<FluentValidation.IValidator<Features.Admin.DashboardPeriodQuery>, Features.Admin.DashboardPeriodQueryValidator>();
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
        app.UseQueryCountHeader();
        app.UseForwardedHeaders();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
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
        return app;
    }
}
