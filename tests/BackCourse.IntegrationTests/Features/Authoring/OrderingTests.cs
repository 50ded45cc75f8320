using System.Net;
using BackCourse.IntegrationTests.Infrastructure;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class OrderingTests
{
    private static void AssertContiguous(List<(int Week, int Position, string Slug)> order)
    {
        foreach (var week in order.GroupBy(o => o.Week))
        {
            Assert.Equal(Enumerable.Range(1, week.Count()), week.Select(o => o.Position));
        }
    }

    [Fact]
    public async Task Up_down_and_move_to_week_keep_a_contiguous_order()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var third = await app.SectionAsync(1, 3);
        var move = $"/admin/course/sections/{third.Id}/move";

        // The first form posting to move is the "up" button.
        (await admin.SubmitFormAsync("/admin/course", move, new Dictionary<string, string> { ["direction"] = "up" })).ShouldBe(HttpStatusCode.Redirect);
        var order = await app.OrderAsync();
        Assert.Equal(third.Slug, order.Single(o => o.Week == 1 && o.Position == 2).Slug);
        AssertContiguous(order);

        (await admin.SubmitFormAsync("/admin/course", move, new Dictionary<string, string> { ["direction"] = "down" })).ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal(third.Slug, (await app.OrderAsync()).Single(o => o.Week == 1 && o.Position == 3).Slug);

        // The "Move to week" form has no direction: it puts the section at the end of the chosen week.
        var token = await admin.AntiforgeryTokenAsync("/admin/course");
        (await admin.PostAsync(move, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["week"] = "3" })))
            .ShouldBe(HttpStatusCode.Redirect);
        order = await app.OrderAsync();
        Assert.Equal((3, 16), order.Where(o => o.Slug == third.Slug).Select(o => (o.Week, o.Position)).Single());
        Assert.Equal(14, order.Count(o => o.Week == 1));
        AssertContiguous(order);
    }

    [Fact]
    public async Task A_drop_onto_a_place_in_another_week_moves_the_section_there()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var section = await app.SectionAsync(2, 5);
        var token = await admin.AntiforgeryTokenAsync("/admin/course");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/course/sections/{section.Id}/move")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["week"] = "1", ["position"] = "2" }),
        };
        request.Headers.Add("X-Requested-With", "fetch");
        request.Headers.Add("X-CSRF-TOKEN", token);

        var response = await admin.SendAsync(request);

        response.ShouldBe(HttpStatusCode.NoContent);
        var order = await app.OrderAsync();
        Assert.Equal(section.Slug, order.Single(o => o.Week == 1 && o.Position == 2).Slug);
        Assert.Equal(16, order.Count(o => o.Week == 1));
        Assert.Equal(14, order.Count(o => o.Week == 2));
        AssertContiguous(order);
    }

    [Fact]
    public async Task Moving_an_opened_section_to_a_later_week_never_locks_it_again()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var admin = await app.AdminBrowserAsync();
        var opened = await app.SectionAsync(1, 4);
        var notOpened = await app.SectionAsync(1, 5);
        await learner.GetPageAsync($"/learn/{opened.Slug}");

        foreach (var section in new[] { opened, notOpened })
        {
            var token = await admin.AntiforgeryTokenAsync("/admin/course");
            (await admin.PostAsync($"/admin/course/sections/{section.Id}/move",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["week"] = "4", ["position"] = "1" })))
                .ShouldBe(HttpStatusCode.Redirect);
        }

        (await learner.GetAsync($"/learn/{opened.Slug}")).ShouldBe(HttpStatusCode.OK);
        (await learner.GetAsync($"/learn/{notOpened.Slug}")).ShouldBe(HttpStatusCode.Forbidden);
    }
}
