using BackCourse.Web.Features.WeeklyEmails;
using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Enrolments;
using BackCourse.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.WeeklyEmails;

public sealed class WeeklyEmailTests
{
    private static async Task<(AppUser User, Enrolment Enrolment)> EnrolWithEmailsAsync(TestApp app, string email = "weekly@example.test", string zone = "UTC", int? hour = null)
    {
        var user = await app.CreateUserAsync(email, name: "Wendy Weekly");
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var saved = (await db.Users.FindAsync(user.Id))!;
            saved.TimeZoneId = zone;
            saved.PreferredEmailHour = hour;
            await db.SaveChangesAsync();
        }
        var enrolment = await app.EnrolAsync(user);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEnrolmentLifecycle>().StartedAsync(enrolment, CancellationToken.None);
        }
        return (user, enrolment);
    }

    private static async Task<int> DispatchAsync(TestApp app) =>
        await app.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);

    private static async Task<Guid> NotificationIdAsync(TestApp app, int week)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Notifications.Where(n => n.Kind == NotificationKind.WeekUnlock && n.Week == week).Select(n => n.Id).SingleAsync();
    }

    private static IReadOnlyList<ReceivedMessage> MailTo(TestApp app, string email) =>
        [.. app.Smtp.Messages.Where(m => m.Recipients.Contains(email))];

    [Fact]
    public async Task The_welcome_comes_at_once_and_each_week_email_exactly_when_its_week_opens()
    {
        await using var app = await TestApp.StartAsync();
        var (user, _) = await EnrolWithEmailsAsync(app);
        var welcome = await app.Smtp.WaitForAsync(user.Email!);
        Assert.StartsWith("Welcome to Upper Back Spasms", welcome.Subject, StringComparison.Ordinal);

        for (var week = 2; week <= 6; week++)
        {
            app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
            await DispatchAsync(app);
            Assert.Equal(week - 1, MailTo(app, user.Email!).Count); // not a minute early

            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await DispatchAsync(app);
            var mail = await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith($"Week {week} is open", StringComparison.Ordinal));
            Assert.Equal(week, MailTo(app, user.Email!).Count);
            Assert.Contains($"https://localhost/learn/weeks/{week}", mail.Links);
            Assert.NotNull(mail.HtmlBody);
            Assert.Contains("sections complete", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("see a doctor now", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(mail.Links, l => l.StartsWith("https://localhost/unsubscribe?token=", StringComparison.Ordinal));
            // A Message-ID that names the row, so a copy sent again after a crash is the same message to the receiver.
            var row = await NotificationIdAsync(app, week);
            Assert.Equal($"{row:N}.notification@localhost", mail.ToMimeMessage().MessageId);
            Assert.True(mail.Headers.ContainsKey("list-unsubscribe"));
        }

        using var scope = app.Services.CreateScope();
        var rows = await app.Db(scope).Notifications.Where(n => n.UserId == user.Id).ToListAsync();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(NotificationState.Sent, r.State));
    }

    [Fact]
    public async Task The_week_email_lists_the_weeks_sections_time_and_a_tip()
    {
        await using var app = await TestApp.StartAsync();
        var (user, _) = await EnrolWithEmailsAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(7));
        await DispatchAsync(app);

        var mail = await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal));
        using var scope = app.Services.CreateScope();
        var sections = await app.Db(scope).Sections.Where(s => s.WeekNumber == 2).ToListAsync();
        Assert.All(sections, s => Assert.Contains(s.Title, mail.TextBody, StringComparison.Ordinal));
        Assert.Contains($"about {sections.Sum(s => s.Minutes)} minutes", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("A tip from this week:", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preferred_hour_sends_at_that_local_hour_on_the_opening_day()
    {
        await using var app = await TestApp.StartAsync();
        // Enrolled Mon 2 Nov 09:00 UTC = 04:00 in New York; prefers 18:00 local = 23:00 UTC.
        var (user, _) = await EnrolWithEmailsAsync(app, zone: "America/New_York", hour: 18);
        app.Clock.Advance(TimeSpan.FromDays(7));
        await DispatchAsync(app);
        Assert.Single(MailTo(app, user.Email!)); // the week is open, but the learner asked for the evening

        app.Clock.Advance(TimeSpan.FromHours(14));
        await DispatchAsync(app);
        await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pausing_postpones_refunding_cancels_and_moving_the_start_reschedules()
    {
        await using var app = await TestApp.StartAsync();
        var (paused, pausedEnrolment) = await EnrolWithEmailsAsync(app, "paused@example.test");
        var (refunded, refundedEnrolment) = await EnrolWithEmailsAsync(app, "refunded@example.test");
        var (moved, movedEnrolment) = await EnrolWithEmailsAsync(app, "moved@example.test");
        using (var scope = app.Services.CreateScope())
        {
            var actions = scope.ServiceProvider.GetRequiredService<BackCourse.Web.Features.Admin.EnrolmentActions>();
            await actions.PauseAsync(pausedEnrolment.Id, CancellationToken.None);
            await actions.MoveStartAsync(movedEnrolment.Id, app.Clock.GetUtcNow().AddDays(3), CancellationToken.None);
            var fulfilment = scope.ServiceProvider.GetRequiredService<IEnrolmentLifecycle>();
            var db = app.Db(scope);
            var e = await db.Enrolments.SingleAsync(x => x.Id == refundedEnrolment.Id);
            e.Status = EnrolmentStatus.Refunded;
            await db.SaveChangesAsync();
            await fulfilment.RefundedAsync(e, CancellationToken.None);
        }

        app.Clock.Advance(TimeSpan.FromDays(7));
        await DispatchAsync(app);
        Assert.DoesNotContain(MailTo(app, paused.Email!), m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal));
        Assert.DoesNotContain(MailTo(app, refunded.Email!), m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal));
        Assert.DoesNotContain(MailTo(app, moved.Email!), m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal)); // now due on day 10

        app.Clock.Advance(TimeSpan.FromDays(3));
        await DispatchAsync(app);
        await app.Smtp.WaitForAsync(moved.Email!, m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal));

        // Resuming after 10 days paused (paused on day 0): week 2 opens on day 17.
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackCourse.Web.Features.Admin.EnrolmentActions>().ResumeAsync(pausedEnrolment.Id, CancellationToken.None);
        }
        app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await DispatchAsync(app);
        Assert.DoesNotContain(MailTo(app, paused.Email!), m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync(app);
        await app.Smtp.WaitForAsync(paused.Email!, m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal));

        using var check = app.Services.CreateScope();
        Assert.True(await app.Db(check).Notifications.Where(n => n.EnrolmentId == refundedEnrolment.Id && n.Kind == NotificationKind.WeekUnlock)
            .AllAsync(n => n.State == NotificationState.Cancelled));
        Assert.Single(MailTo(app, refunded.Email!), m => m.Subject.StartsWith("Your refund", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsubscribing_needs_no_sign_in_stops_unlock_emails_but_not_access_and_a_forged_token_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var (user, _) = await EnrolWithEmailsAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(7));
        await DispatchAsync(app);
        var mail = await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal));
        var link = new Uri(mail.Links.Single(l => l.Contains("/unsubscribe?token=", StringComparison.Ordinal)));
        var anonymous = app.CreateBrowser();

        var forged = await anonymous.GetAsync(link.PathAndQuery[..^4] + "AAAA");
        forged.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymous.GetAsync("/unsubscribe?token=not-a-token")).ShouldBe(HttpStatusCode.BadRequest);

        var confirm = await anonymous.GetAsync(link.PathAndQuery); // a link scanner's GET changes nothing
        confirm.ShouldBe(HttpStatusCode.OK);
        using (var scope = app.Services.CreateScope())
        {
            Assert.False((await app.Db(scope).Users.SingleAsync(u => u.Id == user.Id)).UnlockEmailsOff);
        }
        var done = await anonymous.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([]));
        done.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("You're unsubscribed", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(7));
        await DispatchAsync(app);
        Assert.DoesNotContain(MailTo(app, user.Email!), m => m.Subject.StartsWith("Week 3", StringComparison.Ordinal));
        var learner = app.CreateBrowser();
        await learner.SignInAsync(user.Email!);
        (await learner.GetAsync("/learn/weeks/3")).ShouldBe(HttpStatusCode.OK);

        // Re-subscribing on the account page brings back the weeks still to come.
        (await learner.SubmitFormAsync("/account", "/account/email-preferences",
            new Dictionary<string, string> { ["UnlockEmails"] = "true", ["Reminders"] = "true", ["PreferredHour"] = "" })).ShouldBe(HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromDays(7));
        await DispatchAsync(app);
        await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Week 4 is open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Smtp_failing_three_times_then_recovering_delivers_once()
    {
        await using var app = await TestApp.StartAsync();
        var (user, _) = await EnrolWithEmailsAsync(app);
        await app.Smtp.WaitForAsync(user.Email!);
        app.Smtp.FailNextDeliveries(3);
        app.Clock.Advance(TimeSpan.FromDays(7));

        await DispatchAsync(app);                                  // attempt 1 fails
        app.Clock.Advance(TimeSpan.FromMinutes(1)); await DispatchAsync(app);  // attempt 2 fails
        app.Clock.Advance(TimeSpan.FromMinutes(4)); await DispatchAsync(app);  // attempt 3 fails
        app.Clock.Advance(TimeSpan.FromMinutes(10)); await DispatchAsync(app); // attempt 4 succeeds
        app.Clock.Advance(TimeSpan.FromMinutes(30)); await DispatchAsync(app); // nothing more

        Assert.Single(MailTo(app, user.Email!), m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal));
        using var scope = app.Services.CreateScope();
        var row = await app.Db(scope).Notifications.SingleAsync(n => n.UserId == user.Id && n.Week == 2);
        Assert.Equal((NotificationState.Sent, 4), (row.State, row.Attempts));
    }

    [Fact]
    public async Task After_the_last_attempt_a_failure_is_shown_to_staff_and_can_be_sent_again()
    {
        await using var app = await TestApp.StartAsync();
        var (user, _) = await EnrolWithEmailsAsync(app);
        await app.Smtp.WaitForAsync(user.Email!);
        app.Smtp.FailNextDeliveries(6);
        app.Clock.Advance(TimeSpan.FromDays(7));
        foreach (var wait in new[] { 0, 1, 4, 10, 20, 30 })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(wait));
            await DispatchAsync(app);
        }

        Notification row;
        using (var scope = app.Services.CreateScope())
        {
            row = await app.Db(scope).Notifications.SingleAsync(n => n.UserId == user.Id && n.Week == 2);
        }
        Assert.Equal((NotificationState.Failed, 6), (row.State, row.Attempts));
        Assert.False(string.IsNullOrEmpty(row.LastError));

        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        Assert.Contains("1", (await admin.GetPageAsync("/admin")).QuerySelectorAll(".facts dd")[^1].TextContent, StringComparison.Ordinal);
        (await admin.SubmitFormAsync($"/admin/learners/{user.Id}", $"/admin/learners/{user.Id}/notifications/{row.Id}/resend",
            new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);
        await DispatchAsync(app);
        await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Week 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_learner_who_falls_behind_gets_one_gentle_reminder_a_week_and_can_turn_them_off()
    {
        await using var app = await TestApp.StartAsync();
        var (user, _) = await EnrolWithEmailsAsync(app, "behind@example.test");
        var (off, _) = await EnrolWithEmailsAsync(app, "quiet@example.test");
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            (await db.Users.FindAsync(off.Id))!.RemindersOff = true;
            await db.SaveChangesAsync();
        }
        app.Clock.Advance(TimeSpan.FromDays(8));
        using (var scope = app.Services.CreateScope())
        {
            var scanner = scope.ServiceProvider.GetRequiredService<ReminderScanner>();
            await scanner.ScanAsync(CancellationToken.None);
            await scanner.ScanAsync(CancellationToken.None); // hourly scans do not pile up
        }
        await DispatchAsync(app);

        Assert.Single(MailTo(app, user.Email!), m => m.Subject == "Your back course is waiting for you");
        Assert.DoesNotContain(MailTo(app, off.Email!), m => m.Subject == "Your back course is waiting for you");
    }

    [Fact]
    public async Task Mail_due_while_the_app_was_down_goes_out_once_when_it_comes_back()
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        AppUser user;
        await using (var first = await TestApp.StartAsync(connectionString: cs))
        {
            first.KeepDatabase = true;
            (user, _) = await EnrolWithEmailsAsync(first);
        }
        // Down for eight days: week 2's email came due meanwhile. An instance with its Hangfire server on comes back up
        // (its clock starts eight days on) and its recurring dispatch sends it.
        await using var second = await TestApp.StartAsync(new()
        {
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:DispatchCron"] = "* * * * * *",
            ["Scheduling:PollIntervalMs"] = "200",
        }, connectionString: cs, now: new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));

        var mail = await second.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal), timeoutMs: 20_000);
        // One more dispatch run to completion, beside whatever Hangfire runs meanwhile: nothing goes out again.
        await second.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);
        Assert.Single(second.Smtp.Messages, m => m.Subject == mail.Subject);
    }
}
