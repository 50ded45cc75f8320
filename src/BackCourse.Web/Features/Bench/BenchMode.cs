using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.Bench;

/// <summary>
/// Section <c>Bench</c>, and <c>Diagnostics:QueryCountHeader</c>: the measuring aids `./backcourse bench`
/// and the query-count tests turn on. Off, none of it exists: no <c>/bench</c> routes, no request counter,
/// no query-count interceptor or header. Production refuses to start with either on.
/// </summary>
public sealed class BenchOptions
{
    public const string Section = "Bench";

    /// <summary>The bench's baseline page and counters, and the request counter behind them.</summary>
    public bool Enabled { get; set; }

    /// <summary>Counts the database commands of each request into an <c>X-Db-Queries</c> header (bound from Diagnostics).</summary>
    public bool QueryCountHeader { get; set; }
}

public static class BenchServiceExtensions
{
    public static IServiceCollection AddBench(this IServiceCollection services)
    {
        services.AddOptions<BenchOptions>()
            .BindConfiguration(BenchOptions.Section)
            .Configure<IConfiguration>((o, config) => o.QueryCountHeader = config.GetValue<bool>("Diagnostics:QueryCountHeader"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BenchOptions>, BenchOptionsValidator>();
        // MVC builds its controller list after start-up, when the settings are final: off, the bench controller isn't there.
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<IOptions<BenchOptions>>((mvc, bench) =>
        {
            if (!bench.Value.Enabled)
            {
                mvc.Conventions.Add(new WithoutBenchController());
            }
        });
        return services;
    }

    /// <summary>The request counter (bench mode) and the query-count header, outermost; nothing at all when off.</summary>
    public static WebApplication UseBenchMode(this WebApplication app)
    {
        var bench = app.Services.GetRequiredService<IOptions<BenchOptions>>().Value;
        if (bench.Enabled)
        {
            app.Use((context, next) =>
            {
                BenchController.CountRequest();
                return next(context);
            });
        }
        if (bench.QueryCountHeader)
        {
            app.UseQueryCountHeader();
        }
        return app;
    }

    private sealed class WithoutBenchController : IApplicationModelConvention
    {
        public void Apply(ApplicationModel application)
        {
            foreach (var controller in application.Controllers.Where(c => c.ControllerType == typeof(BenchController)).ToList())
            {
                application.Controllers.Remove(controller);
            }
        }
    }
}

internal sealed class BenchOptionsValidator(IHostEnvironment environment) : IValidateOptions<BenchOptions>
{
    public ValidateOptionsResult Validate(string? name, BenchOptions options) =>
        environment.IsProduction() && (options.Enabled || options.QueryCountHeader)
            ? ValidateOptionsResult.Fail(
                "Bench__Enabled and Diagnostics__QueryCountHeader are measuring aids for `./backcourse bench` and the tests; " +
                "they cannot be turned on in Production. Unset them, or run with another ASPNETCORE_ENVIRONMENT.")
            : ValidateOptionsResult.Success;
}
