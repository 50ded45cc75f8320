using BackCourse.Web.Features.WeeklyEmails;
using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using BackCourse.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Learner B (or an instructor of another course) guessing learner A's ids, in URLs and in form fields.
/// Everything learner-scoped must answer as if the thing did not exist, and change nothing of A's.
/// </summary>
public sealed class IdorTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private TestApp App => shared.App;

    /// <summary>
    /// Every route outside /admin whose path takes a parameter, and why guessing it can't reach someone
    /// else's data. A new route fails the test below until it is added here, with its test.
    /// </summary>
    private static readonly Dictionary<string, string> ParameterisedRoutes = new()
    {
        ["learn/{slug}/quiz/attempts/{id:guid}"] = "a stored attempt is shown only to its learner; answers sent to another's are stored as the sender's own: Another_learners_quiz_attempts_are_not_found_and_stay_unchanged",
        ["learn/{slug}/quiz/attempts/{id:guid}/results"] = "as above",
        ["instructor/reflections/{id:guid}"] = "visible to assigned instructors only: Reflections_are_404_to_instructors_of_no_course_and_refused_to_learners",
        ["instructor/learners/{id:guid}"] = "as above",
        ["instructor/alerts/{id:guid}/handled"] = "only staff of the learner's course may close an alert: A_red_flag_alert_cannot_be_closed_by_an_instructor_of_another_course_or_a_learner",
        ["checkout/test/{sessionId}"] = "the order must be the caller's: Another_buyers_checkout_session_is_not_found_and_stays_unpaid",
        // Slugs name course content, the same for everyone; the work they lead to is the signed-in learner's own.
        ["learn/{slug}"] = "course content; the learner's work is found from the signed-in user: A_learners_work_is_never_shown_to_another_learner",
        ["learn/{slug}/complete"] = "writes the caller's own progress",
        ["learn/{slug}/worksheet"] = "writes the caller's own answers: A_learners_work_is_never_shown_to_another_learner",
        ["learn/{slug}/vote"] = "writes the caller's own vote",
        ["learn/{slug}/suggestion"] = "adds a suggestion from the caller",
        ["learn/{slug}/feedback"] = "adds feedback from the caller",
        ["learn/{slug}/reflection"] = "writes the caller's own reflection: Another_learners_reflection_thread_cannot_be_written_to",
        ["learn/{slug}/reflection/messages"] = "writes to the caller's own reflection: Another_learners_reflection_thread_cannot_be_written_to",
        ["learn/{slug}/quiz/attempts"] = "gives the caller a new attempt id; stores nothing",
        ["learn/weeks/{number:int}"] = "a week of the course, the same for everyone",
        ["checkout/{slug}"] = "a course to buy",
        ["courses/{slug}"] = "the public course page",
        ["media/{name}"] = "public lesson images",
        ["figures/{name}"] = "the course's own drawings, public, names checked against a strict pattern: The_course_drawings_are_served_to_anyone_as_svg_that_can_run_nothing",
        ["error/{status:int}"] = "the error page",
    };

    [Fact]
    public void Every_route_with_a_parameter_is_in_the_idor_table()
    {
        var found = AppRoutes.All(App)
            .Where(r => r.HasParameters && !r.Pattern.StartsWith("admin", StringComparison.Ordinal)) // every admin route: AdminRoutesTests
            .Select(r => r.Pattern).ToHashSet();
        Assert.Contains("learn/{slug}/quiz/attempts/{id:guid}", found);
        var missing = found.Except(ParameterisedRoutes.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Routes with a parameter that no IDOR test covers (add them to the table, with a test): " + string.Join(", ", missing));
        var gone = ParameterisedRoutes.Keys.Except(found).ToList();
        Assert.True(gone.Count == 0, "The table lists routes the app no longer has: " + string.Join(", ", gone));
    }

    private async Task<T> DbAsync<T>(Func<Web.Data.AppDbContext, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        return await query(App.Db(scope));
    }

    [Fact]
    public async Task Another_learners_quiz_attempts_are_not_found_and_stay_unchanged()
    {
        var (alice, _, aliceEnrolment) = await App.SignedInLearnerAsync("idor-quiz-a@example.test");
        var (bob, _, bobEnrolment) = await App.SignedInLearnerAsync("idor-quiz-b@example.test");
        var quiz = await App.SectionBySlugAsync("week-1-quiz");
        var submitted = await alice.StartAttemptAsync(quiz);
        (await alice.SubmitAttemptAsync(submitted, QuizTaking.AnswerFields(quiz, wrongCount: 3))).ShouldBe(HttpStatusCode.Redirect);
        // Bob has an attempt of his own, so he holds a real antiforgery token for the quiz form.
        var bobsAttempt = await bob.StartAttemptAsync(quiz);
        var token = await bob.TokenAsync(bobsAttempt);

        (await bob.GetAsync(submitted + "/results")).ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetAsync(submitted)).ShouldBe(HttpStatusCode.NotFound);
        var answer = await bob.PostAsync(submitted, new FormUrlEncodedContent(QuizTaking.AnswerFields(quiz).Append(new("__RequestVerificationToken", token))));
        answer.ShouldBe(HttpStatusCode.Redirect);
        Assert.DoesNotContain(submitted.Split('/')[^1], answer.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var attempts = await DbAsync(db => db.QuizAttempts.AsNoTracking().Where(a => a.EnrolmentId == aliceEnrolment.Id).ToListAsync());
        Assert.True(attempts is [{ Passed: false }], "Alice's one attempt failed and stays failed");
        Assert.Equal(1, await DbAsync(db => db.QuizAttempts.CountAsync(a => a.EnrolmentId == bobEnrolment.Id)));
        (await alice.GetAsync(submitted + "/results")).ShouldBe(HttpStatusCode.OK); // the id was real: it is Bob who can't see it
    }

    private async Task<(HttpClient Learner, AppUser User, Guid ReflectionId, Section Section)> SubmittedReflectionAsync(string email, string text)
    {
        var (learner, user, enrolment) = await App.SignedInLearnerAsync(email);
        var section = await App.SectionOfKindAsync(1, SectionKind.Reflection);
        var page = await learner.GetPageAsync($"/learn/{section.Slug}");
        var answers = page.QuerySelectorAll("#reflection textarea").ToDictionary(t => t.GetAttribute("name")!, _ => text);
        answers["action"] = "submit";
        (await learner.SubmitFormAsync($"/learn/{section.Slug}", $"/learn/{section.Slug}/reflection", answers)).ShouldBe(HttpStatusCode.Redirect);
        var id = await DbAsync(db => db.Reflections.Where(r => r.EnrolmentId == enrolment.Id).Select(r => r.Id).SingleAsync());
        return (learner, user, id, section);
    }

    [Fact]
    public async Task Reflections_are_404_to_instructors_of_no_course_and_refused_to_learners()
    {
        var (_, alice, reflectionId, _) = await SubmittedReflectionAsync("idor-refl-a@example.test", "Alice's private reflection.");
        var (bob, _, _) = await App.SignedInLearnerAsync("idor-refl-b@example.test");
        var (stranger, _) = await App.InstructorAsync("idor-unassigned@example.test", assigned: false);
        var (teacher, _) = await App.InstructorAsync("idor-assigned@example.test", assigned: true);

        // The assigned instructor reads it: the id is real.
        Assert.Contains("Alice's private reflection.", (await teacher.GetPageAsync($"/instructor/reflections/{reflectionId}")).Body!.TextContent, StringComparison.Ordinal);

        (await stranger.GetAsync($"/instructor/reflections/{reflectionId}")).ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/instructor/learners/{alice.Id}")).ShouldBe(HttpStatusCode.NotFound);
        Assert.DoesNotContain("Alice's private reflection.", (await stranger.GetPageAsync("/instructor")).Body!.TextContent, StringComparison.Ordinal);
        var strangerToken = await stranger.TokenAsync("/account");
        var respond = await stranger.PostAsync($"/instructor/reflections/{reflectionId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = strangerToken, ["Body"] = "Injected reply", ["Decision"] = "reviewed",
        }));
        respond.ShouldBe(HttpStatusCode.NotFound);

        foreach (var url in new[] { $"/instructor/reflections/{reflectionId}", $"/instructor/learners/{alice.Id}" })
        {
            var refused = await bob.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.AbsolutePath == "/error/403", $"{url}: {(int)refused.StatusCode}");
        }

        var reflection = await DbAsync(db => db.Reflections.AsNoTracking().SingleAsync(r => r.Id == reflectionId));
        Assert.Equal(ReflectionState.Submitted, reflection.State);
        Assert.False(await DbAsync(db => db.ReflectionMessages.AnyAsync(m => m.ReflectionId == reflectionId)));
    }

    [Fact]
    public async Task Another_learners_reflection_thread_cannot_be_written_to()
    {
        var (_, _, reflectionId, section) = await SubmittedReflectionAsync("idor-thread-a@example.test", "Alice's words.");
        var (bob, _, _) = await App.SignedInLearnerAsync("idor-thread-b@example.test");

        // Bob has no reflection of his own here: a message has nowhere to go, whatever id he adds to the form.
        var token = await bob.TokenAsync($"/learn/{section.Slug}");
        var message = await bob.PostAsync($"/learn/{section.Slug}/reflection/messages", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Body"] = "Bob writing into Alice's thread", ["ReflectionId"] = reflectionId.ToString(), ["id"] = reflectionId.ToString(),
        }));
        message.ShouldBe(HttpStatusCode.NotFound);
        Assert.False(await DbAsync(db => db.ReflectionMessages.AnyAsync(m => m.ReflectionId == reflectionId)));

        // Saving "his" reflection with Alice's id in the form writes Bob's own draft, never Alice's.
        var answers = (await bob.GetPageAsync($"/learn/{section.Slug}")).QuerySelectorAll("#reflection textarea")
            .ToDictionary(t => t.GetAttribute("name")!, _ => "Bob's words");
        answers["action"] = "draft";
        answers["id"] = reflectionId.ToString();
        (await bob.SubmitFormAsync($"/learn/{section.Slug}", $"/learn/{section.Slug}/reflection", answers)).ShouldBe(HttpStatusCode.Redirect);
        var alices = await DbAsync(db => db.Reflections.AsNoTracking().SingleAsync(r => r.Id == reflectionId));
        Assert.Contains("Alice's words.", alices.AnswersJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice's words.", (await bob.GetPageAsync($"/learn/{section.Slug}")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_learners_work_is_never_shown_to_another_learner()
    {
        var (alice, aliceUser, _) = await App.SignedInLearnerAsync("idor-work-a@example.test");
        var (bob, bobUser, _) = await App.SignedInLearnerAsync("idor-work-b@example.test");
        var worksheet = await App.SectionOfKindAsync(1, SectionKind.Worksheet);
        var form = (await alice.GetPageAsync($"/learn/{worksheet.Slug}")).Forms.Single(f => f.GetAttribute("action")?.Split('#')[0] == $"/learn/{worksheet.Slug}/worksheet");
        var fields = form.QuerySelectorAll("textarea").ToDictionary(t => t.GetAttribute("name")!, _ => "ALICE-WORKSHEET-SECRET");
        (await alice.SubmitFormAsync($"/learn/{worksheet.Slug}", $"/learn/{worksheet.Slug}/worksheet", fields)).ShouldBe(HttpStatusCode.Redirect);
        var today = App.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await alice.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log", new Dictionary<string, string>
        {
            ["Day"] = today, ["Pain"] = "7", ["Stiffness"] = "6", ["Note"] = "ALICE-PAIN-SECRET",
        })).ShouldBe(HttpStatusCode.Redirect);

        // Bob, with Alice's user id in the query and in form fields the forms don't have.
        Assert.DoesNotContain("ALICE-WORKSHEET-SECRET", (await bob.GetPageAsync($"/learn/{worksheet.Slug}?userId={aliceUser.Id}")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ALICE-PAIN-SECRET", (await bob.GetPageAsync($"/learn/tools/pain-log?userId={aliceUser.Id}")).Body!.TextContent, StringComparison.Ordinal);
        (await bob.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log", new Dictionary<string, string>
        {
            ["Day"] = today, ["Pain"] = "1", ["Stiffness"] = "1", ["Note"] = "Bob's note", ["UserId"] = aliceUser.Id.ToString(),
        })).ShouldBe(HttpStatusCode.Redirect);
        (await bob.EditFormAsync("/account", "/account/profile", new Dictionary<string, string>
        {
            ["DisplayName"] = "Renamed by Bob", ["Id"] = aliceUser.Id.ToString(), ["UserId"] = aliceUser.Id.ToString(),
        })).ShouldBe(HttpStatusCode.Redirect);
        var export = await bob.GetAsync($"/account/my-data?userId={aliceUser.Id}");
        export.ShouldBe(HttpStatusCode.OK);
        var json = await export.Content.ReadAsStringAsync();
        Assert.Contains(bobUser.Email!, json, StringComparison.Ordinal);
        Assert.DoesNotContain(aliceUser.Email!, json, StringComparison.Ordinal);
        Assert.DoesNotContain("ALICE-", json, StringComparison.Ordinal);

        var alicePain = await DbAsync(db => db.PainLog.AsNoTracking().SingleAsync(p => p.UserId == aliceUser.Id));
        Assert.Equal((7, "ALICE-PAIN-SECRET"), (alicePain.Pain, alicePain.Note));
        Assert.Equal("Test Person", await DbAsync(db => db.Users.Where(u => u.Id == aliceUser.Id).Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal("Renamed by Bob", await DbAsync(db => db.Users.Where(u => u.Id == bobUser.Id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task Another_buyers_checkout_session_is_not_found_and_stays_unpaid()
    {
        await App.CreateUserAsync("idor-buyer@example.test");
        var buyer = App.CreateBrowser();
        await buyer.SignInAsync("idor-buyer@example.test");
        var started = await buyer.SubmitFormAsync("/checkout/upper-back-spasms", "/checkout/upper-back-spasms", new Dictionary<string, string>());
        started.ShouldBe(HttpStatusCode.Redirect);
        var location = started.Headers.Location!;
        var testPage = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.StartsWith("/checkout/test/", testPage, StringComparison.Ordinal);
        var sessionId = testPage["/checkout/test/".Length..];
        var order = await DbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.CheckoutSessionId == sessionId));

        await App.CreateUserAsync("idor-thief@example.test");
        var thief = App.CreateBrowser();
        await thief.SignInAsync("idor-thief@example.test");
        (await thief.GetAsync(testPage)).ShouldBe(HttpStatusCode.NotFound);
        (await thief.GetAsync($"/checkout/success?session_id={sessionId}")).ShouldBe(HttpStatusCode.NotFound);
        var token = await thief.TokenAsync("/account");
        (await thief.PostAsync(testPage, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .ShouldBe(HttpStatusCode.NotFound);
        var orders = await thief.GetPageAsync($"/account/orders?userId={order.UserId}");
        Assert.DoesNotContain(order.Id.ToString(), orders.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Upper Back", (await buyer.GetPageAsync("/account/orders")).Body!.TextContent, StringComparison.Ordinal);

        Assert.Equal(OrderStatus.Pending, await DbAsync(db => db.Orders.Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync()));
        Assert.False(await DbAsync(db => db.Enrolments.AnyAsync(e => e.UserId == order.UserId)));
    }

    [Fact]
    public async Task An_unsubscribe_token_works_only_for_the_account_it_was_made_for()
    {
        var alice = await App.CreateUserAsync("idor-unsub-a@example.test");
        var bob = await App.CreateUserAsync("idor-unsub-b@example.test");
        var tokens = App.Services.GetRequiredService<UnsubscribeTokens>();
        var bobs = tokens.Create(bob.Id);
        var visitor = App.CreateBrowser();

        foreach (var guess in new[] { alice.Id.ToString(), alice.Id.ToString("N"), bobs[..^2] + (bobs[^2] == 'A' ? "B" : "A") + bobs[^1], bobs + alice.Id.ToString("N") })
        {
            (await visitor.PostAsync($"/unsubscribe?token={Uri.EscapeDataString(guess)}", new FormUrlEncodedContent(new Dictionary<string, string>())))
                .ShouldBe(HttpStatusCode.BadRequest);
        }
        (await visitor.PostAsync($"/unsubscribe?token={Uri.EscapeDataString(bobs)}&userId={alice.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = alice.Id.ToString(),
        }))).ShouldBe(HttpStatusCode.OK);

        Assert.False(await DbAsync(db => db.Users.Where(u => u.Id == alice.Id).Select(u => u.UnlockEmailsOff).SingleAsync()));
        Assert.True(await DbAsync(db => db.Users.Where(u => u.Id == bob.Id).Select(u => u.UnlockEmailsOff).SingleAsync()));
    }

    [Fact]
    public async Task A_password_reset_code_works_only_for_the_account_it_was_sent_to()
    {
        var alice = await App.CreateUserAsync("idor-reset-a@example.test");
        await App.CreateUserAsync("idor-reset-b@example.test");
        var bob = App.CreateBrowser();
        (await bob.SubmitFormAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = "idor-reset-b@example.test" })).ShouldBe(HttpStatusCode.Redirect);
        var link = new Uri((await App.Smtp.WaitForAsync("idor-reset-b@example.test")).Links.Single(l => l.Contains("/account/reset-password", StringComparison.Ordinal)));

        // Bob's own link, with Alice's id put in the form's UserId field.
        var response = await bob.SubmitFormAsync(link.PathAndQuery, "/account/reset-password", new Dictionary<string, string>
        {
            ["UserId"] = alice.Id.ToString(), ["Password"] = "taken over by bob", ["ConfirmPassword"] = "taken over by bob",
        });
        response.ShouldBe(HttpStatusCode.OK);

        var attacker = App.CreateBrowser();
        var signIn = await attacker.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = alice.Email!, ["Password"] = "taken over by bob" });
        signIn.ShouldBe(HttpStatusCode.OK); // the form again, with an error: not signed in
        await App.CreateBrowser().SignInAsync(alice.Email!); // her own password still works
    }
}
