using System.Net;
using AngleSharp.Html.Dom;
using BackCourse.IntegrationTests.Infrastructure;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Every returnUrl-like parameter, given ways browsers read as "another site". SignInTests covers
/// //evil.example on sign-in; these cover the other spellings and the other places.
/// </summary>
public sealed partial class OpenRedirectTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private TestApp App => shared.App;

    public static TheoryData<string> Elsewhere => new()
    {
        "//evil.example/",
        "https://evil.example/",
        "HTTPS://evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/\t/evil.example",
        "/%09/evil.example",
        "%2F%2Fevil.example",
        "https:evil.example",
        " //evil.example",
        "javascript:alert(1)",
        "///evil.example",
    };

    /// <summary>
    /// Whether a browser would take this address to another site: it strips tabs and newlines, reads a
    /// backslash as a slash, and then leaves for any scheme or any protocol-relative "//host". A path
    /// that merely contains "evil.example" (such as /%09/evil.example, which stays percent-encoded) is ours.
    /// </summary>
    private static bool LeadsElsewhere(string address)
    {
        var read = new string([.. address.Where(c => c is not ('\t' or '\n' or '\r'))]).Trim().Replace('\\', '/');
        if (Uri.TryCreate(read, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.Host != "localhost";
        }
        return read.StartsWith("//", StringComparison.Ordinal) || SchemePattern().IsMatch(read);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial System.Text.RegularExpressions.Regex SchemePattern();

    /// <summary>A redirect stays on this site (it may carry the address on, encoded, in its query string).</summary>
    private static void AssertStaysHere(HttpResponseMessage response, string where)
    {
        var location = response.Headers.Location?.OriginalString;
        Assert.True(location is null || !LeadsElsewhere(location), $"{where} redirected to {location}");
    }

    private static void AssertNoLinkElsewhere(IHtmlDocument page, string where)
    {
        var elements = page.QuerySelectorAll("a[href], form[action], input[name=ReturnUrl], input[name=returnUrl]");
        Assert.NotEmpty(elements); // a page with nothing to check would pass without checking anything
        foreach (var element in elements)
        {
            var value = element.GetAttribute("href") ?? element.GetAttribute("action") ?? element.GetAttribute("value") ?? "";
            Assert.False(value.Contains("evil", StringComparison.OrdinalIgnoreCase) && LeadsElsewhere(value), $"{where}: {element.OuterHtml}");
            Assert.False(value.StartsWith("javascript", StringComparison.OrdinalIgnoreCase), $"{where}: {element.OuterHtml}");
        }
    }

    [Theory]
    [MemberData(nameof(Elsewhere))]
    public async Task Signing_in_registering_and_confirming_never_lead_to_another_site(string target)
    {
        var email = $"redirect-{Guid.NewGuid():N}@example.test";
        await App.CreateUserAsync(email);
        var browser = App.CreateBrowser();
        var query = Uri.EscapeDataString(target);

        AssertNoLinkElsewhere(await browser.GetPageAsync($"/account/sign-in?returnUrl={query}"), "sign-in page");
        AssertNoLinkElsewhere(await browser.GetPageAsync($"/account/register?returnUrl={query}"), "register page");
        var signIn = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = Accounts.Password, ["ReturnUrl"] = target });
        signIn.ShouldBe(HttpStatusCode.Redirect);
        AssertStaysHere(signIn, "sign-in");

        // Registration carries the return URL into the confirmation link, and the confirmed page links onwards.
        var visitor = App.CreateBrowser();
        var newcomer = $"redirect-new-{Guid.NewGuid():N}@example.test";
        (await visitor.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "New Person", ["Email"] = newcomer, ["Password"] = Accounts.Password, ["ConfirmPassword"] = Accounts.Password, ["ReturnUrl"] = target,
        })).ShouldBe(HttpStatusCode.Redirect);
        var mail = await App.Smtp.WaitForAsync(newcomer);
        var link = mail.Links.Single(l => l.Contains("/account/confirm-email", StringComparison.Ordinal));
        var carried = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["returnUrl"];
        Assert.True(carried is null || !LeadsElsewhere(carried), $"the confirmation link carries {carried}");
        var confirmed = await visitor.GetAsync(new Uri(link).PathAndQuery + "&returnUrl=" + query);
        confirmed.ShouldBe(HttpStatusCode.OK);
        AssertNoLinkElsewhere(await confirmed.ReadHtmlAsync(), "confirmed page");
    }

    [Theory]
    [MemberData(nameof(Elsewhere))]
    public async Task The_safety_notice_and_the_refund_button_never_lead_to_another_site(string target)
    {
        var (learner, _, _) = await App.SignedInLearnerAsync($"redirect-learner-{Guid.NewGuid():N}@example.test", safetyConfirmed: false);
        var query = Uri.EscapeDataString(target);
        var page = await learner.GetPageAsync($"/learn/before-you-start?returnUrl={query}");
        AssertNoLinkElsewhere(page, "before-you-start page");
        var confirm = await learner.SubmitFormAsync($"/learn/before-you-start?returnUrl={query}", "/learn/before-you-start",
            new Dictionary<string, string> { ["confirmed"] = "true", ["returnUrl"] = target });
        confirm.ShouldBe(HttpStatusCode.Redirect);
        AssertStaysHere(confirm, "before-you-start");

        // An order that can't be refunded still sends the admin back: to the orders page, not to the given address.
        var buyer = App.CreateBrowser();
        var buyerEmail = $"redirect-buyer-{Guid.NewGuid():N}@example.test";
        await App.CreateUserAsync(buyerEmail);
        await buyer.SignInAsync(buyerEmail);
        (await buyer.SubmitFormAsync("/checkout/upper-back-spasms", "/checkout/upper-back-spasms", new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);
        var admin = await App.AdminBrowserAsync();
        var orders = await admin.GetPageAsync("/admin/orders");
        var action = orders.Forms.Select(f => f.GetAttribute("action")!).FirstOrDefault(a => a.EndsWith("/refund", StringComparison.Ordinal));
        Guid orderId;
        using (var scope = App.Services.CreateScope())
        {
            orderId = App.Db(scope).Orders.OrderByDescending(o => o.CreatedAt).First().Id;
        }
        var token = await admin.TokenAsync("/admin/orders");
        var refund = await admin.PostAsync(action ?? $"/admin/orders/{orderId}/refund", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnTo"] = target,
        }));
        refund.ShouldBe(HttpStatusCode.Redirect);
        AssertStaysHere(refund, "refund");
        Assert.Equal("/admin/orders", refund.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Elsewhere))]
    public async Task Every_redirect_the_app_gives_for_these_addresses_stays_on_the_site(string target)
    {
        // Any GET route taking returnUrl, returnTo or a next address in the query, asked anonymously and signed in.
        var learner = (await App.SignedInLearnerAsync($"redirect-any-{Guid.NewGuid():N}@example.test")).Browser;
        var query = Uri.EscapeDataString(target);
        var routes = AppRoutes.All(App).Where(r => r.Method is "GET" && !r.HasParameters).ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} GET routes found: the route list is broken");
        foreach (var browser in new[] { App.CreateBrowser(), learner })
        {
            foreach (var route in routes)
            {
                var url = $"/{route.Pattern}?returnUrl={query}&returnTo={query}&next={query}";
                var response = await browser.GetAsync(url);
                AssertStaysHere(response, url);
            }
        }
    }
}
