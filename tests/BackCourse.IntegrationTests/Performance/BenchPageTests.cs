using System.Net;
using System.Text.Json;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BackCourse.IntegrationTests.Performance;

/// <summary>The pages `./backcourse bench` reads: its baseline page and the process's counters.</summary>
public sealed class BenchPageTests
{
    [Fact]
    public async Task The_bench_pages_are_not_found_unless_the_bench_enables_them()
    {
        await using var app = await TestApp.StartAsync();
        var visitor = app.CreateBrowser();

        var fortunes = await visitor.GetAsync("/bench/fortunes");
        var counters = await visitor.GetAsync("/bench/counters");

        fortunes.ShouldBe(HttpStatusCode.NotFound);
        counters.ShouldBe(HttpStatusCode.NotFound);
        Assert.DoesNotContain("allocatedBytes", await counters.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_bench_on_the_baseline_lists_the_weeks_and_the_counters_follow_requests_and_collections()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Bench:Enabled"] = "true" });
        var visitor = app.CreateBrowser();

        using var before = JsonDocument.Parse(await visitor.GetStringAsync("/bench/counters"));
        var fortunes = await visitor.GetAsync("/bench/fortunes");
        GC.Collect(); // the app runs in this process: a full collection here is one of its collections
        using var after = JsonDocument.Parse(await visitor.GetStringAsync("/bench/counters"));

        fortunes.ShouldBe(HttpStatusCode.OK);
        var page = await fortunes.Content.ReadAsStringAsync();
        Assert.Contains("Additional fortune added at request time.", page, StringComparison.Ordinal);
        Assert.Equal(7, page.Split("<tr><td>").Length - 1); // six weeks and the added row
        long Grew(string name) => after.RootElement.GetProperty(name).GetInt64() - before.RootElement.GetProperty(name).GetInt64();
        Assert.True(Grew("requests") >= 2, "the counters page and the baseline were served in between");
        Assert.True(Grew("allocatedBytes") > 0);
        Assert.True(Grew("gen0") >= 1);
        Assert.True(Grew("gen1") >= 1);
        Assert.True(Grew("gen2") >= 1);
    }

    [Fact]
    public async Task Without_bench_mode_no_bench_route_and_no_query_counting_exists()
    {
        await using var app = await TestApp.StartAsync();

        var routes = app.Services.GetServices<EndpointDataSource>().SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "").ToList();
        Assert.Contains(routes, r => r.StartsWith("checkout", StringComparison.Ordinal)); // the list is real
        Assert.DoesNotContain(routes, r => r.StartsWith("bench", StringComparison.OrdinalIgnoreCase));
        var response = await app.CreateBrowser().GetAsync("/courses/upper-back-spasms");
        Assert.False(response.Headers.Contains(QueryCounting.Header));
        using var scope = app.Services.CreateScope();
        var interceptors = app.Db(scope).GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        Assert.DoesNotContain(interceptors, i => i.GetType().DeclaringType == typeof(QueryCounting));
    }

    [Theory]
    [InlineData("Bench:Enabled")]
    [InlineData("Diagnostics:QueryCountHeader")]
    public async Task Production_refuses_to_start_with_a_measuring_aid_on(string setting)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(new Dictionary<string, string?>
        {
            [setting] = "true",
            // Everything else Production insists on, so that only the measuring aid is at fault.
            ["Stripe:SecretKey"] = FakeStripe.SecretKey,
            ["Stripe:WebhookSecrets"] = FakeStripe.WebhookSecret,
        }, environment: "Production"));

        Assert.Contains("cannot be turned on in Production", failure.ToString(), StringComparison.Ordinal);
    }
}
