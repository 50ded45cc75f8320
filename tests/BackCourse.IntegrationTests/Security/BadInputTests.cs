using System.Net;
using System.Net.Http.Headers;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Input a careless user or an attacker sends: never a server error, a page that says in plain words what
/// was wrong, nothing stored, and the site answering normally afterwards.
/// </summary>
public sealed class BadInputTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private TestApp App => fixture.App;

    private static async Task AssertRefusedPlainlyAsync(HttpResponseMessage response, HttpStatusCode status, string words)
    {
        response.ShouldBe(status);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(words, System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain("went wrong on our side", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/sign-in?ReturnUrl=%2Flearn%00")]
    [InlineData("/courses/upper-back-spasms?x=%00")]
    [InlineData("/admin/audit?q=a%00b")]
    public async Task A_nul_byte_in_the_query_string_is_a_plain_400(string url)
    {
        var response = await App.CreateBrowser().GetAsync(url);

        await AssertRefusedPlainlyAsync(response, HttpStatusCode.BadRequest, "read what was sent");
        (await App.CreateBrowser().GetAsync("/courses/upper-back-spasms")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nul_byte_in_a_registration_form_is_a_plain_400_and_creates_nobody()
    {
        var browser = App.CreateBrowser();

        var response = await browser.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Nul\0Person",
            ["Email"] = "nul-person@example.test",
            ["Password"] = "a long enough passphrase",
            ["ConfirmPassword"] = "a long enough passphrase",
            ["TimeZoneId"] = "Europe/London",
        });

        await AssertRefusedPlainlyAsync(response, HttpStatusCode.BadRequest, "Nothing was saved");
        using var scope = App.Services.CreateScope();
        Assert.False(await App.Db(scope).Users.AnyAsync(u => u.Email == "nul-person@example.test"));
        (await browser.GetAsync("/account/register")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/admin/course/import")]
    public async Task A_multipart_body_cut_off_before_its_closing_boundary_is_a_plain_400(string url)
    {
        // Found by the every-route corpus: the form reader's "Unexpected end of Stream" was a 500 on every form.
        var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"Title\"\r\n\r\nunfinished", System.Text.Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        var response = await (await App.AdminBrowserAsync()).PostAsync(url, broken);

        await AssertRefusedPlainlyAsync(response, HttpStatusCode.BadRequest, "read what was sent");
        (await App.CreateBrowser().GetAsync("/courses/upper-back-spasms")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nul_byte_in_a_multipart_part_is_a_plain_400()
    {
        var admin = await App.AdminBrowserAsync();
        var token = await admin.AntiforgeryTokenAsync("/admin/course");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("title with a \0 in it"), "Title" },
        };

        var response = await admin.PostAsync("/admin/course/import", form);

        await AssertRefusedPlainlyAsync(response, HttpStatusCode.BadRequest, "read what was sent");
    }

    [Theory]
    [InlineData("/admin/audit?page=2147483647")]
    [InlineData("/admin/audit?page=-5")]
    [InlineData("/admin/emails?page=2147483647")]
    [InlineData("/admin/emails?page=-2147483648")]
    public async Task Paging_far_out_of_range_shows_a_page_not_an_error(string url)
    {
        var admin = await App.AdminBrowserAsync();

        (await admin.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("to", "9999-12-31")]
    [InlineData("from", "0001-01-01")]
    public async Task An_impossible_audit_date_is_a_validation_message(string field, string date)
    {
        var admin = await App.AdminBrowserAsync();

        var response = await admin.GetAsync($"/admin/audit?{field}={date}");

        response.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("between the years 2000 and 2100", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_instructor_page_of_an_id_that_is_not_a_learner_is_a_404_for_an_admin()
    {
        var admin = await App.AdminBrowserAsync();
        var instructor = await App.CreateUserAsync($"not-a-learner-{Guid.NewGuid():N}@example.test", Roles.Instructor);

        (await admin.GetAsync($"/instructor/learners/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/instructor/learners/{instructor.Id}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_form_with_too_many_fields_is_a_plain_413()
    {
        var browser = App.CreateBrowser();
        var fields = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"f{i}", "x"));

        var response = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields));

        await AssertRefusedPlainlyAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than we accept");
    }

    [Fact]
    public async Task Json_callers_get_the_same_status_as_problem_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/courses/upper-back-spasms?x=%00");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await App.CreateBrowser().SendAsync(request);

        response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Contains("be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
