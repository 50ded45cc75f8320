using System.Net;
using System.Reflection;
using System.Text;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Every route the app has (read from its routing data, so a new page is covered without anyone listing it), called by
/// every role with a corpus of bad input: never a server error, the site still answers normally afterwards, and
/// nothing another learner owns changes.
/// </summary>
public sealed class EveryRouteCorpusTests
{
    private static readonly string Megabyte = new('x', 1024 * 1024);

    // What careless users and attackers send: NUL, huge and negative numbers, hex, far and impossible dates, markup, nothing.
    private static readonly string[] Corpus =
    [
        "\0", "a\0b", "99999999999999999999", "-2147483649", "-1", "0x1F", "1e309", "NaN", "9999-12-31", "0001-01-01",
        "2026-02-30", "", " ", "<script>alert(1)</script>", "../../etc/passwd", "%00", "null", "true", "{\"a\":1}",
        Guid.Empty.ToString(),
    ];

    // Ending the session or the account itself would leave the rest of the run anonymous; both have tests of their own.
    private static readonly string[] NotCalled = ["account/sign-out", "account/delete"];

    [Fact]
    public async Task No_route_answers_bad_input_with_a_server_error_and_nobody_elses_work_changes()
    {
        await using var app = await TestApp.StartAsync(new() { ["RateLimits:AuthPermitsPerMinute"] = "10000" });
        var (victimBrowser, victim, victimEnrolment) = await app.SignedInLearnerAsync(email: "corpus-victim@example.test");
        Section quiz;
        using (var scope = app.Services.CreateScope())
        {
            quiz = await app.Db(scope).Sections.AsNoTracking().SingleAsync(s => s.Slug == "week-1-quiz");
        }
        (await victimBrowser.SubmitAttemptAsync(await victimBrowser.StartAttemptAsync(quiz), QuizTaking.AnswerFields(quiz)))
            .ShouldBe(HttpStatusCode.Redirect);
        var victimsAttempt = await FirstAttemptIdAsync(app, victimEnrolment.Id);

        // Ids that exist but belong to the victim, besides ids that exist nowhere.
        var someoneElses = new[] { victim.Id.ToString(), victimEnrolment.Id.ToString(), victimsAttempt.ToString(), quiz.Slug };
        var routes = AppRoutes.All(app).Where(r => !NotCalled.Contains(r.Pattern)).ToList();
        Assert.True(routes.Count > 60, $"only {routes.Count} routes found");

        var (learner, _, _) = await app.SignedInLearnerAsync(email: "corpus-learner@example.test");
        var (instructor, _) = await app.InstructorAsync("corpus-instructor@example.test", assigned: true);
        var before = await FingerprintAsync(app, victim.Id, victimEnrolment.Id);
        var failures = new List<string>();

        foreach (var (role, browser) in new[] { ("anonymous", app.CreateBrowser()), ("learner", learner), ("instructor", instructor) })
        {
            await CallEveryRouteAsync(app, role, browser, routes, someoneElses, failures);
        }
        Assert.Equal(before, await FingerprintAsync(app, victim.Id, victimEnrolment.Id));

        // Admins may change anyone's work; for them only the first promise holds.
        await CallEveryRouteAsync(app, "admin", await app.AdminBrowserAsync(), routes, someoneElses, failures);

        Assert.True(failures.Count == 0, $"{failures.Count} server errors:\n" + string.Join("\n", failures.Take(40)));
        (await app.CreateBrowser().GetAsync("/")).ShouldBe(HttpStatusCode.OK);
        Assert.True((int)(await learner.GetAsync("/learn")).StatusCode < 500);
    }

    private static async Task CallEveryRouteAsync(TestApp app, string role, HttpClient browser, IReadOnlyList<AppRoute> routes,
        IReadOnlyList<string> someoneElses, List<string> failures)
    {
        var token = await browser.TokenAsync(role == "anonymous" ? "/account/sign-in" : "/account");
        foreach (var route in routes)
        {
            var fields = FieldsOf(route);
            var url = AppRoutes.Fill(route.Pattern);
            if (route.Method is "GET" or "*")
            {
                foreach (var value in Corpus)
                {
                    var query = string.Join("&", fields.Append("page").Append("q").Distinct().Select(f => $"{f}={Uri.EscapeDataString(value)}"));
                    await CheckAsync(failures, role, "GET", url + "?" + query, () => browser.GetAsync(url + "?" + query));
                }
            }
            if (route.Method is "POST" or "*")
            {
                foreach (var value in Corpus.Append(Megabyte))
                {
                    var form = fields.Select(f => new KeyValuePair<string, string>(f, value)).Append(new("__RequestVerificationToken", token)).ToList();
                    await CheckAsync(failures, role, "POST", url, () => browser.PostAsync(url, new FormUrlEncodedContent(form)));
                }
                // A multipart body whose closing boundary never comes.
                var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished", Encoding.UTF8);
                broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
                await CheckAsync(failures, role, "POST multipart", url, () => browser.PostAsync(url, broken));
            }
            if (!route.HasParameters)
            {
                continue;
            }
            // Ids that exist but are someone else's, and numbers that exist nowhere, in every route parameter.
            foreach (var id in someoneElses.Concat(["99999999999", "-1"]))
            {
                var theirs = AppRoutes.Fill(route.Pattern, AppRoutes.ParametersOf(route.Pattern).ToDictionary(p => p, _ => Uri.EscapeDataString(id)));
                if (route.Method is "GET" or "*")
                {
                    await CheckAsync(failures, role, "GET", theirs, () => browser.GetAsync(theirs));
                }
                if (route.Method is "POST" or "*")
                {
                    var form = fields.Select(f => new KeyValuePair<string, string>(f, "1")).Append(new("__RequestVerificationToken", token)).ToList();
                    await CheckAsync(failures, role, "POST", theirs, () => browser.PostAsync(theirs, new FormUrlEncodedContent(form)));
                }
            }
        }
    }

    private static async Task CheckAsync(List<string> failures, string role, string method, string url, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{role} {method} {url[..Math.Min(url.Length, 160)]} → {(int)response.StatusCode}");
        }
    }

    /// <summary>The names the action binds from a form or query: its simple parameters and the properties of its form models.</summary>
    private static List<string> FieldsOf(AppRoute route)
    {
        var routeNames = AppRoutes.ParametersOf(route.Pattern).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var p in route.Action?.Parameters ?? [])
        {
            if (routeNames.Contains(p.Name) || p.ParameterType == typeof(CancellationToken))
            {
                continue;
            }
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            if (type.IsPrimitive || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal) || type.IsEnum
                || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
            {
                names.Add(p.Name);
            }
            else if (type.IsClass && type.Namespace?.StartsWith("BackCourse", StringComparison.Ordinal) == true)
            {
                names.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(pr => pr.CanWrite).Select(pr => pr.Name));
            }
        }
        return names;
    }

    private static async Task<Guid> FirstAttemptIdAsync(TestApp app, Guid enrolmentId)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).QuizAttempts.Where(a => a.EnrolmentId == enrolmentId).Select(a => a.Id).FirstAsync();
    }

    /// <summary>Every row of every table that names the victim or their enrolment, as one hash.</summary>
    private static async Task<string> FingerprintAsync(TestApp app, Guid userId, Guid enrolmentId)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var columns = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name || '.' || column_name AS \"Value\" FROM information_schema.columns " +
            "WHERE table_schema = 'public' AND column_name IN ('user_id', 'enrolment_id') ORDER BY 1").ToListAsync();
        Assert.NotEmpty(columns);
        var parts = new List<string>();
        foreach (var column in columns)
        {
            var (table, name) = (column.Split('.')[0], column.Split('.')[1]);
            var id = name == "user_id" ? userId : enrolmentId;
            // Table and column names come from information_schema just above, not from input.
            var sql = "SELECT coalesce(md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)), '') AS \"Value\" FROM \""
                + table + "\" t WHERE \"" + name + "\" = @p0";
            var hash = await db.Database.SqlQueryRaw<string>(sql, new Npgsql.NpgsqlParameter("p0", id)).SingleAsync();
            parts.Add($"{column}={hash}");
        }
        var user = await db.Database.SqlQueryRaw<string>(
            "SELECT md5(row_to_json(u)::text) AS \"Value\" FROM users u WHERE id = @p0", new Npgsql.NpgsqlParameter("p0", userId)).SingleAsync();
        return string.Join(";", parts) + ";users=" + user;
    }
}
