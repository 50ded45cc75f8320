using BackCourse.BrowserTests.Infrastructure;

namespace BackCourse.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(Chromium chromium)
{
    [Fact]
    public async Task The_admin_signs_in_over_plain_http_on_loopback()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await chromium.NewPageAsync(app);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync("smoke");
    }
}
