using System.Net;
using BackCourse.IntegrationTests.Infrastructure;

namespace BackCourse.IntegrationTests.Features.Catalog;

public sealed class CoursePageTests
{
    [Fact]
    public async Task The_course_page_shows_92_sections_in_6_weeks_at_the_sale_price()
    {
        await using var app = await TestApp.StartAsync();

        var page = await app.CreateBrowser().GetPageAsync("/");

        Assert.Equal("Upper Back Spasms and Chronic Pain", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("92 sections", page.QuerySelector(".course-facts")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(6, page.QuerySelectorAll("details.week-outline").Length);
        Assert.Equal(92, page.QuerySelectorAll("details.week-outline .section-list li").Length);
        Assert.Equal("$12.00", page.QuerySelector("del.list-price")?.TextContent);
        Assert.Equal("$9.00", page.QuerySelector("strong.sale-price")?.TextContent);
        Assert.Equal("25% off", page.QuerySelector(".discount-badge")?.TextContent);
        Assert.Contains("Harmandeep Kaur Grewal", page.QuerySelector(".author")?.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelectorAll("details.faq").Length >= 5);
        Assert.Contains("not medical advice", page.QuerySelector(".notice")?.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(88, page.QuerySelectorAll(".locked-item").Length); // all but the four free previews
        Assert.Contains(page.QuerySelectorAll("a"), a => a.TextContent.StartsWith("Buy for $9.00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_discount_is_computed_from_the_prices_in_the_database()
    {
        await using var app = await TestApp.StartAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var course = db.Courses.Single();
            course.SalePriceCents = 600;
            await db.SaveChangesAsync();
        }

        var page = await app.CreateBrowser().GetPageAsync("/courses/upper-back-spasms");

        Assert.Equal("50% off", page.QuerySelector(".discount-badge")?.TextContent);
        Assert.Equal("$6.00", page.QuerySelector("strong.sale-price")?.TextContent);
    }

    [Fact]
    public async Task An_unknown_course_slug_is_a_404()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.CreateBrowser().GetAsync("/courses/no-such-course");
        response.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_doctor_notice_is_public()
    {
        await using var app = await TestApp.StartAsync();
        var page = await app.CreateBrowser().GetPageAsync("/when-to-see-a-doctor");
        Assert.Contains("chest pain", page.QuerySelector(".safety-notice")?.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_course_drawings_are_served_to_anyone_as_svg_that_can_run_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();
        var response = await browser.GetAsync("/figures/cat-cow.svg");
        response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        (await browser.GetAsync("/figures/..%2Fcourse.json")).ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync("/figures/no-such-drawing.svg")).ShouldBe(HttpStatusCode.NotFound);
    }
}
