using BackCourse.Web.Features.WeeklyEmails;
using System.Net;
using AngleSharp.Html.Dom;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Instructor;
using BackCourse.Web.Features.Enrolments;
using BackCourse.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Everything people type that someone else reads (learners to instructors and admins, admins to every
/// learner, anyone to an inbox), filled with the payloads of <see cref="XssCorpus"/>, then read back as
/// the other person: the page must show the text and contain nothing live.
/// </summary>
public sealed class StoredXssTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private TestApp App => shared.App;

    private static async Task<IHtmlDocument> ShowsInertAsync(HttpClient browser, string url, string? marker)
    {
        var page = await browser.GetPageAsync(url);
        Inert.AssertInert(page, url);
        if (marker is not null)
        {
            Inert.AssertShows(page, marker, url);
        }
        return page;
    }

    private async Task<Guid> ReflectionIdAsync(Guid enrolmentId)
    {
        using var scope = App.Services.CreateScope();
        return await App.Db(scope).Reflections.Where(r => r.EnrolmentId == enrolmentId).Select(r => r.Id).SingleAsync();
    }

    [Fact]
    public async Task Learner_text_renders_inert_for_the_instructor_the_admin_and_other_visitors()
    {
        var (learner, user, enrolment) = await App.SignedInLearnerAsync("xss-learner@example.test");
        var (instructor, _) = await App.InstructorAsync("xss-instructor@example.test", assigned: true);
        var admin = await App.AdminBrowserAsync();

        // A reflection, submitted: every prompt holds the whole corpus.
        var reflection = await App.SectionOfKindAsync(1, SectionKind.Reflection);
        var form = await learner.GetPageAsync($"/learn/{reflection.Slug}");
        var answers = form.QuerySelectorAll("#reflection textarea").ToDictionary(t => t.GetAttribute("name")!, _ => XssCorpus.All("XSSREFLECTION"));
        Assert.NotEmpty(answers);
        answers["action"] = "submit";
        (await learner.SubmitFormAsync($"/learn/{reflection.Slug}", $"/learn/{reflection.Slug}/reflection", answers)).ShouldBe(HttpStatusCode.Redirect);
        var reflectionId = await ReflectionIdAsync(enrolment.Id);
        var review = $"/instructor/reflections/{reflectionId}";
        await ShowsInertAsync(instructor, review, "XSSREFLECTION");
        await ShowsInertAsync(admin, review, "XSSREFLECTION");
        await ShowsInertAsync(learner, $"/learn/{reflection.Slug}", "XSSREFLECTION");

        // The thread, both ways, and the email the instructor's reply sends.
        (await learner.SubmitFormAsync($"/learn/{reflection.Slug}", $"/learn/{reflection.Slug}/reflection/messages",
            new Dictionary<string, string> { ["Body"] = XssCorpus.All("XSSLEARNERMESSAGE") })).ShouldBe(HttpStatusCode.Redirect);
        await ShowsInertAsync(instructor, review, "XSSLEARNERMESSAGE");
        (await instructor.SubmitFormAsync(review, review,
            new Dictionary<string, string> { ["Body"] = XssCorpus.All("XSSINSTRUCTORREPLY"), ["Decision"] = "reply" })).ShouldBe(HttpStatusCode.Redirect);
        await ShowsInertAsync(learner, $"/learn/{reflection.Slug}", "XSSINSTRUCTORREPLY");
        await App.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Your instructor replied", StringComparison.Ordinal));

        // A suggestion and the week's feedback reach the admin inbox; the admin's reply is emailed.
        var lesson = await App.SectionAsync(1, 3);
        (await learner.SubmitFormAsync($"/learn/{lesson.Slug}", $"/learn/{lesson.Slug}/suggestion",
            new Dictionary<string, string> { ["Body"] = XssCorpus.All("XSSSUGGESTION") })).ShouldBe(HttpStatusCode.Redirect);
        var feedback = await App.SectionOfKindAsync(1, SectionKind.Feedback);
        var feedbackForm = (await learner.GetPageAsync($"/learn/{feedback.Slug}")).Forms
            .Single(f => f.GetAttribute("action")?.Split('#')[0] == $"/learn/{feedback.Slug}/feedback");
        var feedbackAnswers = new Dictionary<string, string>();
        foreach (var field in feedbackForm.QuerySelectorAll("[name^='answers[']"))
        {
            var name = field.GetAttribute("name")!;
            feedbackAnswers[name] = field switch
            {
                IHtmlTextAreaElement or IHtmlInputElement { Type: "text" } => XssCorpus.All("XSSWEEKFEEDBACK"),
                IHtmlInputElement { Type: "radio" } radio when !feedbackAnswers.ContainsKey(name) => radio.Value,
                _ => feedbackAnswers.GetValueOrDefault(name, ""),
            };
        }
        (await learner.SubmitFormAsync($"/learn/{feedback.Slug}", $"/learn/{feedback.Slug}/feedback", feedbackAnswers)).ShouldBe(HttpStatusCode.Redirect);
        var inbox = await ShowsInertAsync(admin, "/admin/feedback", "XSSSUGGESTION");
        Inert.AssertShows(inbox, "XSSWEEKFEEDBACK", "/admin/feedback");
        var replyAction = inbox.Forms.Select(f => f.GetAttribute("action")!).First(a => a.EndsWith("/reply", StringComparison.Ordinal));
        (await admin.SubmitFormAsync("/admin/feedback", replyAction,
            new Dictionary<string, string> { ["Body"] = XssCorpus.All("XSSADMINREPLY") })).ShouldBe(HttpStatusCode.Redirect);
        var replyMail = await App.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("About your feedback", StringComparison.Ordinal));
        Inert.AssertInertEmail(replyMail.HtmlBody, "XSSADMINREPLY", "feedback reply email");
        await ShowsInertAsync(admin, "/admin/feedback", "XSSADMINREPLY");

        // A review, once week 1's quiz is passed: the admin moderates it, then it is on the public course page.
        var quiz = await App.SectionBySlugAsync("week-1-quiz");
        var attempt = await learner.StartAttemptAsync(quiz);
        (await learner.SubmitAttemptAsync(attempt, QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);
        (await learner.SubmitFormAsync("/learn/review", "/learn/review",
            new Dictionary<string, string> { ["Rating"] = "5", ["Body"] = XssCorpus.All("XSSREVIEW") })).ShouldBe(HttpStatusCode.Redirect);
        var reviews = await ShowsInertAsync(admin, "/admin/reviews", "XSSREVIEW");
        var approve = reviews.Forms.Select(f => f.GetAttribute("action")!).First(a => a.EndsWith("/approve", StringComparison.Ordinal));
        (await admin.SubmitFormAsync("/admin/reviews", approve, new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);
        await ShowsInertAsync(App.CreateBrowser(), "/", "XSSREVIEW");

        // Worksheet answers and a pain-log note: the learner's own pages, and the admin's view of the learner.
        var worksheet = await App.SectionOfKindAsync(1, SectionKind.Worksheet);
        var worksheetForm = (await learner.GetPageAsync($"/learn/{worksheet.Slug}")).Forms
            .Single(f => f.GetAttribute("action")?.Split('#')[0] == $"/learn/{worksheet.Slug}/worksheet");
        var worksheetAnswers = new Dictionary<string, string>();
        foreach (var field in worksheetForm.QuerySelectorAll("textarea, input[type=text]"))
        {
            worksheetAnswers[field.GetAttribute("name")!] = field is IHtmlTextAreaElement
                ? XssCorpus.All("XSSWORKSHEET")
                : XssCorpus.Batches("XSSWORKSHEET", 500)[0];
        }
        Assert.NotEmpty(worksheetAnswers);
        (await learner.SubmitFormAsync($"/learn/{worksheet.Slug}", $"/learn/{worksheet.Slug}/worksheet", worksheetAnswers)).ShouldBe(HttpStatusCode.Redirect);
        await ShowsInertAsync(learner, $"/learn/{worksheet.Slug}", "XSSWORKSHEET");
        foreach (var note in XssCorpus.Batches("XSSPAINNOTE", 500))
        {
            (await learner.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log", new Dictionary<string, string>
            {
                ["Day"] = App.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Pain"] = "3", ["Stiffness"] = "4", ["Note"] = note,
            })).ShouldBe(HttpStatusCode.Redirect);
            await ShowsInertAsync(learner, "/learn/tools/pain-log", "XSSPAINNOTE");
        }
        await ShowsInertAsync(admin, $"/admin/learners/{user.Id}", null);

        // The display name, in pieces short enough for the field, everywhere it is shown and in the email it greets.
        foreach (var name in XssCorpus.Batches("XSSNAME", 100))
        {
            (await learner.EditFormAsync("/account", "/account/profile", new Dictionary<string, string> { ["DisplayName"] = name })).ShouldBe(HttpStatusCode.Redirect);
            await ShowsInertAsync(learner, "/account", "XSSNAME");
            await ShowsInertAsync(learner, "/learn", "XSSNAME");
            await ShowsInertAsync(instructor, "/instructor", "XSSNAME");
            await ShowsInertAsync(instructor, review, "XSSNAME");
            await ShowsInertAsync(admin, "/admin/learners", "XSSNAME");
            await ShowsInertAsync(admin, $"/admin/learners/{user.Id}", "XSSNAME");
            await ShowsInertAsync(admin, "/admin/feedback", "XSSNAME");
            await ShowsInertAsync(admin, "/admin/reviews", "XSSNAME");
            await ShowsInertAsync(admin, "/admin/orders", null);
            await ShowsInertAsync(App.CreateBrowser(), "/", "XSSNAME");

            var before = App.Smtp.Messages.Count;
            (await instructor.SubmitFormAsync(review, review,
                new Dictionary<string, string> { ["Body"] = "Thanks.", ["Decision"] = "reply" })).ShouldBe(HttpStatusCode.Redirect);
            await Eventually.TrueAsync(() => Task.FromResult(App.Smtp.Messages.Count > before), "the reply email");
            var mail = App.Smtp.Messages.Last(m => m.Recipients.Contains(user.Email!));
            Inert.AssertInertEmail(mail.HtmlBody, "XSSNAME", "reflection reply email");
        }
    }

    [Fact]
    public async Task A_name_given_at_registration_renders_inert_in_the_confirmation_email()
    {
        var visitor = App.CreateBrowser();
        foreach (var (name, i) in XssCorpus.Batches("XSSREGISTERED", 100).Select((n, i) => (n, i)))
        {
            var email = $"xss-register-{i}@example.test";
            (await visitor.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string>
            {
                ["DisplayName"] = name, ["Email"] = email, ["Password"] = Accounts.Password, ["ConfirmPassword"] = Accounts.Password, ["TimeZoneId"] = "UTC",
            })).ShouldBe(HttpStatusCode.Redirect);
            var mail = await App.Smtp.WaitForAsync(email);
            Inert.AssertInertEmail(mail.HtmlBody, "XSSREGISTERED", "confirmation email");
        }
    }

    [Fact]
    public async Task Admin_authored_text_renders_inert_on_every_page_learners_read()
    {
        var admin = await App.AdminBrowserAsync();
        var (learner, _, enrolment) = await App.SignedInLearnerAsync("xss-reader@example.test");
        var lesson = await App.SectionAsync(1, 4);
        var quiz = await App.SectionBySlugAsync("week-1-quiz");
        var reflection = await App.SectionOfKindAsync(1, SectionKind.Reflection);
        var worksheet = await App.SectionOfKindAsync(1, SectionKind.Worksheet);
        var all = XssCorpus.All("XSSADMIN");

        // Titles and other one-line fields take the corpus in pieces; Markdown and long text take it whole.
        foreach (var (piece, i) in XssCorpus.Batches("XSSADMIN", 200).Select((p, i) => (p, i)))
        {
            (await admin.EditFormAsync("/admin/course/details", "/admin/course/details", new Dictionary<string, string>
            {
                ["Title"] = piece, ["Subtitle"] = piece, ["DescriptionMarkdown"] = all, ["AuthorName"] = piece, ["AuthorCredentials"] = piece,
                ["AuthorBio"] = all, ["WhatYouWillLearn"] = all, ["Faq[0].Question"] = piece, ["Faq[0].Answer"] = all,
                ["NotMedicalAdvice"] = all, ["SafetyNoticeMarkdown"] = all,
            })).ShouldBe(HttpStatusCode.Redirect);
            (await admin.EditFormAsync("/admin/course/weeks/1", "/admin/course/weeks/1",
                new Dictionary<string, string> { ["Title"] = piece, ["Summary"] = all })).ShouldBe(HttpStatusCode.Redirect);
            var editor = $"/admin/course/sections/{lesson.Id}";
            (await admin.EditFormAsync(editor, editor, new Dictionary<string, string>
            {
                ["Title"] = piece, ["Summary"] = XssCorpus.Batches("XSSADMIN", 500)[0], ["BodyMarkdown"] = all,
            })).ShouldBe(HttpStatusCode.Redirect);

            var visitor = App.CreateBrowser();
            await ShowsInertAsync(visitor, "/", "XSSADMIN");
            await ShowsInertAsync(visitor, "/when-to-see-a-doctor", "XSSADMIN");
            await ShowsInertAsync(learner, "/learn", "XSSADMIN");
            await ShowsInertAsync(learner, "/learn/weeks/1", "XSSADMIN");
            await ShowsInertAsync(learner, $"/learn/{lesson.Slug}", "XSSADMIN");
            await ShowsInertAsync(learner, $"/learn/{(await App.SectionAsync(1, 5)).Slug}", "XSSADMIN"); // "previous" links to the lesson
            await ShowsInertAsync(learner, "/learn/before-you-start", "XSSADMIN");
            await ShowsInertAsync(admin, "/admin/course", "XSSADMIN");
            await ShowsInertAsync(admin, editor, "XSSADMIN");
            await ShowsInertAsync(admin, "/admin/course/details", "XSSADMIN");
            await ShowsInertAsync(admin, "/admin/audit", "XSSADMIN");
            await ShowsInertAsync(admin, $"/admin/course/preview/1/{lesson.Slug}", "XSSADMIN");

            // The course title is in the welcome email a new learner gets.
            var newcomer = await App.CreateUserAsync($"xss-welcome-{i}@example.test");
            (await admin.SubmitFormAsync($"/admin/learners/{newcomer.Id}", $"/admin/learners/{newcomer.Id}/grant", new Dictionary<string, string>()))
                .ShouldBe(HttpStatusCode.Redirect);
            var welcome = await App.Smtp.WaitForAsync(newcomer.Email!, m => m.Subject.StartsWith("Welcome", StringComparison.Ordinal));
            Inert.AssertInertEmail(welcome.HtmlBody, "XSSADMIN", "welcome email");
        }

        // The quiz editor: question text whole, option texts in pieces across the options, explanations whole.
        var quizEditor = $"/admin/course/sections/{quiz.Id}/quiz";
        var quizForm = (await admin.GetPageAsync(quizEditor)).Forms.Single(f => f.GetAttribute("action") == quizEditor).FieldsOf();
        var optionTexts = quizForm.Keys.Where(k => k.EndsWith(".Text", StringComparison.Ordinal) && k.Contains(".Options[", StringComparison.Ordinal)).ToList();
        var pieces = XssCorpus.Batches("XSSQUIZ", 500);
        Assert.True(optionTexts.Count >= pieces.Count, "too few options to carry every payload");
        var quizChanges = new Dictionary<string, string>();
        foreach (var key in quizForm.Keys)
        {
            if (key.EndsWith(".Explanation", StringComparison.Ordinal) || (key.EndsWith(".Text", StringComparison.Ordinal) && !key.Contains(".Options[", StringComparison.Ordinal)))
            {
                quizChanges[key] = XssCorpus.All("XSSQUIZ");
            }
        }
        for (var k = 0; k < optionTexts.Count; k++)
        {
            quizChanges[optionTexts[k]] = pieces[k % pieces.Count];
        }
        (await admin.EditFormAsync(quizEditor, quizEditor, quizChanges)).ShouldBe(HttpStatusCode.Redirect);
        await ShowsInertAsync(admin, quizEditor, "XSSQUIZ");
        var attempt = await learner.StartAttemptAsync(await App.SectionBySlugAsync("week-1-quiz"));
        await ShowsInertAsync(learner, attempt, "XSSQUIZ");
        (await learner.SubmitAttemptAsync(attempt, QuizTaking.AnswerFields(await App.SectionBySlugAsync("week-1-quiz")))).ShouldBe(HttpStatusCode.Redirect);
        await ShowsInertAsync(learner, attempt + "/results", "XSSQUIZ");

        // Reflection prompts and worksheet labels and help, through the items editor.
        foreach (var section in new[] { reflection, worksheet })
        {
            var itemsEditor = $"/admin/course/sections/{section.Id}/items";
            var itemsForm = (await admin.GetPageAsync(itemsEditor)).Forms.Single(f => f.GetAttribute("action") == itemsEditor).FieldsOf();
            var changes = itemsForm.Keys
                .Where(k => k.EndsWith(".Text", StringComparison.Ordinal) || k.EndsWith(".Help", StringComparison.Ordinal))
                .ToDictionary(k => k, k => k.EndsWith(".Help", StringComparison.Ordinal) ? XssCorpus.Batches("XSSITEMS", 500)[0] : XssCorpus.All("XSSITEMS"));
            Assert.NotEmpty(changes);
            (await admin.EditFormAsync(itemsEditor, itemsEditor, changes)).ShouldBe(HttpStatusCode.Redirect);
            await ShowsInertAsync(admin, itemsEditor, "XSSITEMS");
            await ShowsInertAsync(learner, $"/learn/{section.Slug}", "XSSITEMS");
        }

        // The instructor reads the prompts next to the learner's answers.
        var form = await learner.GetPageAsync($"/learn/{reflection.Slug}");
        var answers = form.QuerySelectorAll("#reflection textarea").ToDictionary(t => t.GetAttribute("name")!, _ => "An honest answer.");
        answers["action"] = "submit";
        (await learner.SubmitFormAsync($"/learn/{reflection.Slug}", $"/learn/{reflection.Slug}/reflection", answers)).ShouldBe(HttpStatusCode.Redirect);
        var (instructor, _) = await App.InstructorAsync("xss-reader-instructor@example.test", assigned: true);
        await ShowsInertAsync(instructor, $"/instructor/reflections/{await ReflectionIdAsync(enrolment.Id)}", "XSSITEMS");
    }

    [Fact]
    public async Task Names_and_course_text_render_inert_in_the_week_email_and_the_instructors_digest()
    {
        // An app of its own: the test moves the clock a week at a time and sends everything due.
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        await app.InstructorAsync("xss-digest@example.test", assigned: true);
        var tip = await app.SectionOfKindAsync(2, SectionKind.Tip);
        var reflection = await app.SectionOfKindAsync(1, SectionKind.Reflection);

        foreach (var (piece, i) in XssCorpus.Batches("XSSMAIL", 100).Select((p, i) => (p, i)))
        {
            // What the week email quotes (the week, its sections, its tip) and what the digest lists (the section).
            (await admin.EditFormAsync("/admin/course/weeks/2", "/admin/course/weeks/2",
                new Dictionary<string, string> { ["Title"] = piece, ["Summary"] = piece })).ShouldBe(HttpStatusCode.Redirect);
            foreach (var section in new[] { tip, reflection })
            {
                var editor = $"/admin/course/sections/{section.Id}";
                (await admin.EditFormAsync(editor, editor, new Dictionary<string, string> { ["Title"] = piece, ["Summary"] = piece }))
                    .ShouldBe(HttpStatusCode.Redirect);
            }

            // A learner named with the payloads, enrolled now: their week 2 email comes in 7 days.
            var email = $"xss-mail-{i}@example.test";
            var user = await app.CreateUserAsync(email, name: piece);
            var enrolment = await app.EnrolAsync(user);
            using (var scope = app.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<IEnrolmentLifecycle>().StartedAsync(enrolment, CancellationToken.None);
            }
            var learner = app.CreateBrowser();
            await learner.SignInAsync(email);
            var form = await learner.GetPageAsync($"/learn/{reflection.Slug}");
            var answers = form.QuerySelectorAll("#reflection textarea").ToDictionary(t => t.GetAttribute("name")!, _ => "Some thoughts.");
            answers["action"] = "submit";
            (await learner.SubmitFormAsync($"/learn/{reflection.Slug}", $"/learn/{reflection.Slug}/reflection", answers)).ShouldBe(HttpStatusCode.Redirect);

            var digests = app.Smtp.Messages.Count(m => m.Recipients.Contains("xss-digest@example.test"));
            using (var scope = app.Services.CreateScope())
            {
                Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReflectionNotifications>().SendDailyDigestsAsync(CancellationToken.None));
            }
            await Eventually.TrueAsync(() => Task.FromResult(app.Smtp.Messages.Count(m => m.Recipients.Contains("xss-digest@example.test")) > digests), "the digest");
            var digest = app.Smtp.Messages.Last(m => m.Recipients.Contains("xss-digest@example.test"));
            Inert.AssertInertEmail(digest.HtmlBody, "XSSMAIL", "instructor digest");

            app.Clock.Advance(TimeSpan.FromDays(7));
            await app.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);
            var week = await app.Smtp.WaitForAsync(email, m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal));
            Inert.AssertInertEmail(week.HtmlBody, "XSSMAIL", "week email");
            Assert.Contains(piece, week.TextBody, StringComparison.Ordinal); // the plain-text part carries the text as typed
        }
    }

    [Fact]
    public async Task The_markdown_preview_renders_the_corpus_inert()
    {
        var admin = await App.AdminBrowserAsync();
        var token = await admin.TokenAsync("/admin/course/details");
        var response = await admin.PostAsync("/admin/course/markdown-preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["markdown"] = XssCorpus.All("XSSPREVIEW"),
        }));
        response.ShouldBe(HttpStatusCode.OK);
        var fragment = await response.ReadHtmlAsync();
        Inert.AssertInert(fragment, "markdown preview");
        Inert.AssertShows(fragment, "XSSPREVIEW", "markdown preview");
        // The unsafe links are still links (their text stays readable), pointing nowhere.
        Assert.Contains(fragment.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#");
    }
}
