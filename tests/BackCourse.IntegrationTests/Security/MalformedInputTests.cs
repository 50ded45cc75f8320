using System.Collections;
using System.Net;
using System.Text;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Oversized, mistyped, missing, duplicated and far too many fields, posted with a valid token to every
/// form the app has: the answer is a message or a 404, never a 500, and bad input is not stored.
/// </summary>
public sealed class MalformedInputTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private TestApp App => shared.App;

    private static readonly string Megabyte = new('x', 1024 * 1024);

    /// <summary>The field names an action binds from the form, read from its parameters (nested lists included).</summary>
    private static List<string> FieldsOf(AppRoute route)
    {
        var names = new List<string>();
        foreach (var parameter in route.Action!.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source == BindingSource.Path || source == BindingSource.Services || parameter.ParameterType == typeof(CancellationToken)
                || AppRoutes.ParametersOf(route.Pattern).Contains(parameter.Name))
            {
                continue;
            }
            if (parameter.ParameterType == typeof(IFormCollection))
            {
                names.AddRange(["q[q1]", "q[anything]"]);
            }
            else if (typeof(IDictionary).IsAssignableFrom(parameter.ParameterType))
            {
                names.AddRange([$"{parameter.Name}[field]", "field"]);
            }
            else
            {
                AddFields(names, "", parameter.Name, parameter.ParameterType, depth: 0);
            }
        }
        return names;
    }

    private static void AddFields(List<string> names, string prefix, string name, Type type, int depth)
    {
        var full = prefix + name;
        var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
        if (element is not null)
        {
            foreach (var property in element.GetProperties())
            {
                AddFields(names, $"{full}[0].", property.Name, property.PropertyType, depth + 1);
            }
            return;
        }
        var simple = type.IsPrimitive || type.IsEnum || Nullable.GetUnderlyingType(type) is not null || type == typeof(string)
                     || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(decimal);
        if (simple || depth > 2 || type == typeof(IFormFile))
        {
            names.Add(full);
            return;
        }
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
        {
            // A form class's own properties are posted without its parameter name, as the app's forms do.
            AddFields(names, depth == 0 ? "" : full + ".", property.Name, property.PropertyType, depth + 1);
        }
    }

    private static IEnumerable<(string What, List<KeyValuePair<string, string>> Fields)> Garbage(IReadOnlyList<string> names)
    {
        List<KeyValuePair<string, string>> All(Func<string, string> value) => [.. names.Select(n => new KeyValuePair<string, string>(n, value(n)))];
        yield return ("a megabyte in every field", All(_ => Megabyte));
        foreach (var value in new[] { "abc", "-1", "-99999999999999999999999", "99999999999999999999999", "1e309", "\0<>\"'&%" })
        {
            yield return ($"'{value}' in every field", All(_ => value));
        }
        yield return ("no fields at all", []);
        yield return ("every field twice", [.. All(_ => "-1"), .. All(_ => "abc")]);
        yield return ("five thousand fields", [.. Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))]);
    }

    private async Task<(Dictionary<string, HttpClient> Browsers, Dictionary<string, string> Ids)> ArrangeAsync()
    {
        var (learner, _, enrolment) = await App.SignedInLearnerAsync("garbage-learner@example.test");
        var (instructor, _) = await App.InstructorAsync("garbage-instructor@example.test", assigned: true);
        var other = await App.CreateUserAsync("garbage-other@example.test");
        await App.EnrolAsync(other);
        var admin = await App.AdminBrowserAsync();
        var quiz = await App.SectionBySlugAsync("week-1-quiz");
        var attempt = await learner.StartAttemptAsync(quiz);
        var reflection = await App.SectionOfKindAsync(1, SectionKind.Reflection);
        var answers = (await learner.GetPageAsync($"/learn/{reflection.Slug}")).QuerySelectorAll("#reflection textarea")
            .ToDictionary(t => t.GetAttribute("name")!, _ => "Real words.");
        answers["action"] = "submit";
        (await learner.SubmitFormAsync($"/learn/{reflection.Slug}", $"/learn/{reflection.Slug}/reflection", answers)).ShouldBe(HttpStatusCode.Redirect);
        using var scope = App.Services.CreateScope();
        var reflectionId = await App.Db(scope).Reflections.Where(r => r.EnrolmentId == enrolment.Id).Select(r => r.Id).SingleAsync();
        var ids = new Dictionary<string, string>
        {
            ["attempt"] = attempt.Split('/').Last(),
            ["reflection"] = reflectionId.ToString(),
            ["reflectionSlug"] = reflection.Slug,
            ["reflectionSection"] = reflection.Id.ToString(),
            ["quizSlug"] = quiz.Slug,
            ["quizSection"] = quiz.Id.ToString(),
            ["worksheetSlug"] = (await App.SectionOfKindAsync(1, SectionKind.Worksheet)).Slug,
            ["feedbackSlug"] = (await App.SectionOfKindAsync(1, SectionKind.Feedback)).Slug,
            ["lessonSlug"] = (await App.SectionAsync(1, 3)).Slug,
            ["lessonSection"] = (await App.SectionAsync(2, 3)).Id.ToString(),
            ["otherLearner"] = other.Id.ToString(),
        };
        return (new Dictionary<string, HttpClient> { [Roles.Learner] = learner, [Roles.Instructor] = instructor, [Roles.Admin] = admin }, ids);
    }

    /// <summary>Real ids for each route, so garbage reaches the form's validation rather than stopping at a 404.</summary>
    private static string UrlFor(AppRoute route, Dictionary<string, string> ids)
    {
        var p = route.Pattern;
        var values = new Dictionary<string, string>
        {
            ["slug"] = p.StartsWith("checkout", StringComparison.Ordinal) ? "upper-back-spasms"
                : p.Contains("/quiz", StringComparison.Ordinal) ? ids["quizSlug"]
                : p.Contains("/reflection", StringComparison.Ordinal) ? ids["reflectionSlug"]
                : p.EndsWith("/worksheet", StringComparison.Ordinal) ? ids["worksheetSlug"]
                : p.EndsWith("/feedback", StringComparison.Ordinal) ? ids["feedbackSlug"]
                : ids["lessonSlug"],
            ["id"] = p.StartsWith("learn/", StringComparison.Ordinal) ? ids["attempt"]
                : p.StartsWith("instructor/", StringComparison.Ordinal) ? ids["reflection"]
                : p.StartsWith("admin/learners", StringComparison.Ordinal) ? ids["otherLearner"]
                : p.EndsWith("/quiz", StringComparison.Ordinal) ? ids["quizSection"]
                : p.EndsWith("/items", StringComparison.Ordinal) ? ids["reflectionSection"]
                : p.StartsWith("admin/course/sections", StringComparison.Ordinal) ? ids["lessonSection"]
                : p.Contains("{id:long}", StringComparison.Ordinal) ? "1"
                : Guid.CreateVersion7().ToString(),
        };
        return AppRoutes.Fill(p, values);
    }

    [Fact]
    public async Task Garbage_posted_to_every_form_never_gets_a_server_error()
    {
        var (browsers, ids) = await ArrangeAsync();
        var tokens = new Dictionary<string, string>();
        foreach (var (role, browser) in browsers)
        {
            tokens[role] = await browser.TokenAsync("/account");
        }
        // Learners first, admins last (their garbage may unpublish or move things); signing out at the very end.
        var routes = AppRoutes.Posts(App).Where(r => r.Pattern != AppRoutes.StripeWebhook)
            .OrderBy(r => r.Pattern == "account/sign-out").ThenBy(r => r.Reach).ThenBy(r => r.Pattern, StringComparer.Ordinal).ToList();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var role = route.Reach switch { Reach.Admins => Roles.Admin, Reach.Instructors => Roles.Instructor, _ => Roles.Learner };
            var url = UrlFor(route, ids);
            foreach (var (what, fields) in Garbage(FieldsOf(route)))
            {
                var body = new StringBuilder("__RequestVerificationToken=").Append(Uri.EscapeDataString(tokens[role]));
                foreach (var (key, value) in fields)
                {
                    body.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
                }
                using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-www-form-urlencoded");
                var response = await browsers[role].PostAsync(url, content);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{route} ({url}) with {what}: {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, "Server errors:\n" + string.Join("\n", failures));
    }

    private async Task<T> DbAsync<T>(Func<Web.Data.AppDbContext, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        return await query(App.Db(scope));
    }

    /// <summary>
    /// The form again (not a redirect to a success page) with its messages next to the fields. A value
    /// that isn't a number at all gets the framework's "The value 'abc' is not valid for …" on its field,
    /// so for those only an error is required (null); the rules' own wording is checked for the rest.
    /// </summary>
    private static async Task AssertRefusedWithMessageAsync(HttpResponseMessage response, string where, params string?[] expected)
    {
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{where}: {(int)response.StatusCode} {response.Headers.Location}");
        var errors = (await response.ReadHtmlAsync()).Errors();
        Assert.True(errors.Count >= expected.Length, $"{where}: expected {expected.Length} messages, got: {string.Join(" | ", errors)}");
        foreach (var message in expected.OfType<string>())
        {
            Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)), $"{where}: no \"{message}\" among: {string.Join(" | ", errors)}");
        }
    }

    [Fact]
    public async Task A_pain_log_entry_with_wrong_types_out_of_range_or_oversized_is_refused_with_messages_and_not_stored()
    {
        var (learner, user, _) = await App.SignedInLearnerAsync("garbage-pain@example.test");
        var cases = new (Dictionary<string, string> Fields, string?[] Messages)[]
        {
            (new() { ["Day"] = "not a date", ["Pain"] = "abc", ["Stiffness"] = "4" }, [null, null]),
            (new() { ["Day"] = "2026-11-01", ["Pain"] = "-1", ["Stiffness"] = "99999999999999999999" }, ["Pain must be a whole number from 0 to 10.", null]),
            (new() { ["Day"] = "2026-11-01", ["Pain"] = "11", ["Stiffness"] = "4", ["Note"] = Megabyte }, ["Pain must be a whole number from 0 to 10.", "Please keep the note under 500 characters."]),
            (new() { ["Day"] = "2026-11-01" }, ["Please rate your pain from 0 to 10.", "Please rate your stiffness from 0 to 10."]),
            (new() { ["Day"] = "9999-12-31", ["Pain"] = "3", ["Stiffness"] = "3" }, ["You can't log a day that hasn't happened yet."]),
        };
        foreach (var (fields, messages) in cases)
        {
            var response = await learner.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log", fields);
            await AssertRefusedWithMessageAsync(response, "pain log " + string.Join("&", fields.Select(f => $"{f.Key}={f.Value[..Math.Min(12, f.Value.Length)]}")), messages);
        }
        // Duplicated keys: the first value counts, and it is checked like any other.
        var token = await learner.TokenAsync("/learn/tools/pain-log");
        var duplicated = await learner.PostAsync("/learn/tools/pain-log", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Day", "2026-11-01"), new("Pain", "42"), new("Pain", "3"), new("Stiffness", "2"),
        ]));
        await AssertRefusedWithMessageAsync(duplicated, "duplicated pain", "Pain must be a whole number from 0 to 10.");
        Assert.False(await DbAsync(db => db.PainLog.AnyAsync(p => p.UserId == user.Id)));
    }

    [Fact]
    public async Task Registration_with_oversized_or_missing_fields_is_refused_with_messages_and_creates_no_account()
    {
        var usersBefore = await DbAsync(db => db.Users.CountAsync());
        var visitor = App.CreateBrowser();
        var huge = await visitor.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = Megabyte, ["Email"] = Megabyte + "@example.test", ["Password"] = Megabyte, ["ConfirmPassword"] = Megabyte, ["TimeZoneId"] = Megabyte,
        });
        await AssertRefusedWithMessageAsync(huge, "oversized registration",
            "Please keep your name under 100 characters.", "That email address is too long.", "Please keep your password under 128 characters.");
        var missing = await visitor.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string>());
        await AssertRefusedWithMessageAsync(missing, "empty registration", "Please tell us your name.", "Please enter your email address.", "Please choose a password.");
        Assert.Equal(usersBefore, await DbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_review_with_an_impossible_rating_or_a_megabyte_of_text_is_refused_and_not_stored()
    {
        var (learner, user, _) = await App.SignedInLearnerAsync("garbage-review@example.test");
        var quiz = await App.SectionBySlugAsync("week-1-quiz");
        (await learner.SubmitAttemptAsync(await learner.StartAttemptAsync(quiz), QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);
        foreach (var (rating, body, message) in new (string, string, string?)[]
        {
            ("99", "Fine.", "Please choose a rating from 1 to 5 stars."),
            ("-2147483649", "Fine.", null),
            ("five", "Fine.", null),
            ("4", Megabyte, "Please keep your review under 2000 characters."),
        })
        {
            var response = await learner.SubmitFormAsync("/learn/review", "/learn/review", new Dictionary<string, string> { ["Rating"] = rating, ["Body"] = body });
            await AssertRefusedWithMessageAsync(response, $"review {rating}", message);
        }
        Assert.False(await DbAsync(db => db.CourseReviews.AnyAsync(r => r.UserId == user.Id)));
    }

    [Fact]
    public async Task The_section_editor_refuses_bad_minutes_and_an_oversized_title_with_a_400_and_keeps_the_section()
    {
        var admin = await App.AdminBrowserAsync();
        var section = await App.SectionAsync(3, 2);
        var editor = $"/admin/course/sections/{section.Id}";
        foreach (var (changes, message) in new (Dictionary<string, string>, string?)[]
        {
            (new() { ["Minutes"] = "abc" }, null),
            (new() { ["Minutes"] = "-5" }, "Give the minutes it takes, from 0 to 600."),
            (new() { ["Minutes"] = "99999999999999999999" }, null),
            (new() { ["Title"] = Megabyte }, "Keep the title under 200 characters."),
            (new() { ["BodyMarkdown"] = Megabyte }, "Keep the text under 100,000 characters."),
        })
        {
            var response = await admin.EditFormAsync(editor, editor, changes);
            response.ShouldBe(HttpStatusCode.BadRequest);
            await AssertRefusedWithMessageAsync(response, "section editor", message);
        }
        var after = await App.SectionBySlugAsync(section.Slug);
        Assert.Equal((section.Title, section.Minutes, section.BodyMarkdown, section.UpdatedAt), (after.Title, after.Minutes, after.BodyMarkdown, after.UpdatedAt));
    }

    [Fact]
    public async Task Moving_a_section_with_an_unknown_direction_or_week_is_refused_and_moves_nothing()
    {
        var admin = await App.AdminBrowserAsync();
        var section = await App.SectionAsync(4, 2);
        var token = await admin.TokenAsync("/admin/course");
        foreach (var fields in new[]
        {
            new Dictionary<string, string> { ["direction"] = "sideways" },
            new Dictionary<string, string> { ["direction"] = "sideways", ["week"] = "99", ["position"] = "1" },
            new Dictionary<string, string> { ["direction"] = "-1", ["week"] = "-1" },
            new Dictionary<string, string> { ["week"] = "abc" },
            new Dictionary<string, string> { ["week"] = "99999999999" },
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await admin.PostAsync($"/admin/course/sections/{section.Id}/move", new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{string.Join("&", fields.Where(f => f.Key != "__RequestVerificationToken"))}: {(int)response.StatusCode}");
        }
        var after = await App.SectionBySlugAsync(section.Slug);
        Assert.Equal((4, 2), (after.WeekNumber, after.Position));
        Assert.DoesNotContain(await App.OrderAsync(), s => s.Week is < 1 or > 6);
    }
}
