using System.Net;
using System.Text;
using System.Text.Json;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Admin;

public sealed class DashboardTests
{
    private const string October = "/admin?from=2026-10-01&to=2026-10-31";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static DateTimeOffset At(int month, int day, int hour = 12, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    private static async Task<HttpClient> AdminAsync(TestApp app)
    {
        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        return admin;
    }

    /// <summary>What the arrangement built, for the assertions to name.</summary>
    private sealed record KnownData(Section VotedWeek1, Section VotedWeek2, Section Week1Quiz, Section Week2Quiz);

    /// <summary>
    /// A known October 2026 (the clock stands at 2 November): learners 1–10 enrol in October, 11 just
    /// before and 12 just after it, each with something that must or must not count.
    /// </summary>
    private static async Task<KnownData> ArrangeOctoberAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var course = await db.Courses.SingleAsync();
        var instructor = await app.CreateUserAsync("instructor@example.test", Roles.Instructor, "Ines Instructor");

        // Enrolments per day: 5 Oct ×3, 12 Oct ×2, 20 Oct ×4, 31 Oct ×1; the edges of the month stay out.
        var enrolledAt = new Dictionary<int, DateTimeOffset>
        {
            [1] = At(10, 5, 9), [2] = At(10, 5, 10), [3] = At(10, 5, 11),
            [4] = At(10, 12, 8), [6] = At(10, 12, 9),
            [7] = At(10, 20, 8), [8] = At(10, 20, 9), [9] = At(10, 20, 10), [10] = At(10, 20, 11),
            [5] = At(10, 31, 23, 30),
            [11] = At(9, 30, 23, 59, 59),
            [12] = At(11, 1, 0),
        };
        var users = new Dictionary<int, AppUser>();
        var enrolments = new Dictionary<int, Enrolment>();
        foreach (var (n, at) in enrolledAt)
        {
            var email = $"learner{n}@example.test";
            users[n] = new AppUser
            {
                Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"Learner {n}",
                SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = at,
            };
            enrolments[n] = new Enrolment
            {
                Id = Guid.CreateVersion7(), UserId = users[n].Id, CourseId = course.Id, StartedAt = at, CreatedAt = at,
                Status = EnrolmentStatus.Active, SafetyConfirmedAt = at,
            };
        }
        db.Users.AddRange(users.Values);
        db.Enrolments.AddRange(enrolments.Values);
        await db.SaveChangesAsync(); // orders refer to users without a navigation, so users go in first

        // Revenue: ten $9 orders paid in October, two of them refunded in October (gross $90, refunds $18, net $72).
        foreach (var n in Enumerable.Range(1, 10))
        {
            var refundedAt = n switch { 7 => At(10, 21, 10), 8 => At(10, 25, 10), _ => (DateTimeOffset?)null };
            db.Orders.Add(Order(course, users[n], OrderStatus.Paid, enrolledAt[n], refundedAt));
        }
        // Paid in September, refunded in November: neither counts. A pending order never counts.
        db.Orders.Add(Order(course, users[11], OrderStatus.Paid, At(9, 30, 20), At(11, 1, 0)));
        db.Orders.Add(Order(course, users[12], OrderStatus.Pending, null, null));

        // Funnel: one week-2 lesson is unpublished, so it no longer counts towards week 2.
        var sections = await db.Sections.Where(s => s.CourseId == course.Id).OrderBy(s => s.WeekNumber).ThenBy(s => s.Position).ToListAsync();
        var unpublished = sections.Last(s => s.WeekNumber == 2 && s.Kind == SectionKind.Lesson);
        unpublished.IsPublished = false;
        var week1 = sections.Where(s => s.WeekNumber == 1 && s.IsPublished).ToList();
        var week2 = sections.Where(s => s.WeekNumber == 2 && s.IsPublished).ToList();
        foreach (var n in new[] { 1, 2, 3, 11 })
        {
            Complete(db, enrolments[n], week1.Concat(week2), n == 11 ? At(9, 30, 23, 59, 59) : At(10, 21, 9));
        }
        Complete(db, enrolments[4], week1.Concat(week2.Skip(1)), At(10, 22, 9)); // week 1 only

        // Activity in the last seven days (25–31 Oct): learners 1, 2, 3, 5 and 6; learner 7 a second too early.
        db.SectionProgress.Add(new SectionProgress { EnrolmentId = enrolments[1].Id, SectionId = sections.First(s => s.WeekNumber == 3).Id, FirstOpenedAt = At(10, 26) });
        db.PainLog.Add(new PainLogEntry { UserId = users[2].Id, Day = new DateOnly(2026, 10, 30), Pain = 4, Stiffness = 5, UpdatedAt = At(10, 30) });
        db.SectionProgress.Add(new SectionProgress { EnrolmentId = enrolments[7].Id, SectionId = sections.First(s => s.WeekNumber == 3).Id, FirstOpenedAt = At(10, 24, 23, 59, 59) });

        // Quizzes: week 1 submitted three times in October (2 passed), week 2 once (passed);
        // a September attempt and one still in progress do not count.
        var quiz1 = sections.Single(s => s.Slug == "week-1-quiz");
        var quiz2 = sections.Single(s => s.WeekNumber == 2 && s.Kind == SectionKind.Quiz);
        db.QuizAttempts.AddRange(
            Attempt(enrolments[1], quiz1, 1, wrong: 0, At(10, 22)),
            Attempt(enrolments[2], quiz1, 1, wrong: 3, At(10, 23)),
            Attempt(enrolments[3], quiz1, 1, wrong: 1, At(10, 28)),
            Attempt(enrolments[4], quiz2, 1, wrong: 1, At(10, 22)),
            Attempt(enrolments[11], quiz1, 1, wrong: 8, At(9, 29)),
            Attempt(enrolments[6], quiz1, 1, wrong: 0, null));

        // Reflections: decided in October after 51.5 h, 1.5 h and 4 h (median 4 h); one decided in
        // September; two waiting now (learner 10 resubmitted, learner 6 submitted); one draft.
        var prompt = sections.First(s => s.WeekNumber == 1 && s.Kind == SectionKind.Reflection);
        await ReflectAsync(db, enrolments[8], users[8], instructor, prompt, ReflectionState.Reviewed,
            (ReflectionState.Submitted, At(10, 20, 10), true), (ReflectionState.Reviewed, At(10, 22, 13, 30), false));
        await ReflectAsync(db, enrolments[9], users[9], instructor, prompt, ReflectionState.Reviewed,
            (ReflectionState.Submitted, At(10, 23, 9), true), (ReflectionState.Reviewed, At(10, 23, 10, 30), false));
        await ReflectAsync(db, enrolments[10], users[10], instructor, prompt, ReflectionState.Resubmitted,
            (ReflectionState.Submitted, At(10, 21, 8), true), (ReflectionState.RevisionRequested, At(10, 21, 12), false),
            (ReflectionState.Resubmitted, At(10, 24, 9), true));
        await ReflectAsync(db, enrolments[11], users[11], instructor, prompt, ReflectionState.Reviewed,
            (ReflectionState.Submitted, At(9, 29, 10), true), (ReflectionState.Reviewed, At(9, 30, 10), false));
        await ReflectAsync(db, enrolments[6], users[6], instructor, prompt, ReflectionState.Submitted,
            (ReflectionState.Submitted, At(10, 30), true));
        await ReflectAsync(db, enrolments[4], users[4], instructor, prompt, ReflectionState.Draft);
        // An instructor's message in the window is not the learner being active.
        db.ReflectionMessages.Add(new ReflectionMessage
        {
            ReflectionId = await db.Reflections.Where(r => r.EnrolmentId == enrolments[8].Id).Select(r => r.Id).SingleAsync(),
            AuthorId = instructor.Id, FromInstructor = true, Body = "Well done.", CreatedAt = At(10, 29),
        });

        // Helpfulness: week 1's first section 4 yes / 1 no, week 2's first 0 / 1; a September vote stays out.
        var voted1 = sections.First(s => s.WeekNumber == 1);
        var voted2 = sections.First(s => s.WeekNumber == 2);
        db.SectionVotes.AddRange(
            Vote(enrolments[1], voted1, true, At(10, 10)), Vote(enrolments[2], voted1, true, At(10, 10)),
            Vote(enrolments[3], voted1, true, At(10, 10)), Vote(enrolments[4], voted1, false, At(10, 13)),
            Vote(enrolments[5], voted1, true, At(10, 31, 23, 45)), Vote(enrolments[1], voted2, false, At(10, 22)),
            Vote(enrolments[11], voted2, true, At(9, 30)));

        // Notifications: one gave up in October; one in November; one was sent.
        db.Notifications.AddRange(
            Notification(enrolments[1], NotificationState.Failed, At(10, 15)),
            Notification(enrolments[2], NotificationState.Failed, At(11, 1, 0, 0, 1)),
            Notification(enrolments[3], NotificationState.Sent, At(10, 5)));
        await db.SaveChangesAsync();
        return new KnownData(voted1, voted2, quiz1, quiz2);
    }

    private static Order Order(Course course, AppUser user, OrderStatus status, DateTimeOffset? paidAt, DateTimeOffset? refundedAt)
    {
        var id = Guid.CreateVersion7();
        var order = new Order
        {
            Id = id, UserId = user.Id, CourseId = course.Id, Status = refundedAt is null ? status : OrderStatus.Refunded,
            ListPriceCents = 1200, DiscountCents = 300, AmountCents = 900, Currency = "usd",
            PaymentIntentId = paidAt is null ? null : $"pi_{id:N}", CreatedAt = paidAt ?? At(10, 10), PaidAt = paidAt, RefundedAt = refundedAt,
        };
        return order;
    }

    private static void Complete(AppDbContext db, Enrolment enrolment, IEnumerable<Section> sections, DateTimeOffset at) =>
        db.SectionProgress.AddRange(sections.Select(s => new SectionProgress { EnrolmentId = enrolment.Id, SectionId = s.Id, FirstOpenedAt = at, CompletedAt = at }));

    /// <summary>An attempt answered like the quiz page would store it: the first <paramref name="wrong"/> questions wrong.</summary>
    private static QuizAttempt Attempt(Enrolment enrolment, Section quiz, int number, int wrong, DateTimeOffset? submittedAt)
    {
        var definition = QuizDefinition.Parse(quiz.ExtrasJson);
        var answers = new Dictionary<string, IReadOnlyList<string>>();
        var wrongLeft = wrong;
        foreach (var q in definition.Questions)
        {
            answers[q.Key] = wrongLeft-- > 0 ? [q.Options.First(o => !o.Correct).Id] : [.. q.Options.Where(o => o.Correct).Select(o => o.Id)];
        }
        var result = QuizGrader.Grade(definition, answers);
        var submitted = submittedAt is not null;
        return new QuizAttempt
        {
            Id = Guid.CreateVersion7(), EnrolmentId = enrolment.Id, SectionId = quiz.Id, Number = number, OptionOrderJson = "{}",
            StartedAt = submittedAt?.AddMinutes(-10) ?? At(10, 13),
            SubmittedAt = submittedAt,
            AnswersJson = submitted ? JsonSerializer.Serialize(answers, Web) : null,
            CorrectCount = submitted ? result.CorrectCount : null,
            GradedCount = submitted ? result.GradedCount : null,
            ScorePercent = submitted ? result.ScorePercent : null,
            Passed = submitted ? result.Passed : null,
        };
    }

    /// <summary>A reflection and its state changes, each saved in turn (learner's own or the instructor's).</summary>
    private static async Task ReflectAsync(AppDbContext db, Enrolment enrolment, AppUser learner, AppUser instructor, Section section,
        ReflectionState state, params (ReflectionState To, DateTimeOffset At, bool ByLearner)[] changes)
    {
        var created = changes.Length == 0 ? At(10, 15) : changes[0].At.AddHours(-1);
        var reflection = new Reflection
        {
            Id = Guid.CreateVersion7(), EnrolmentId = enrolment.Id, SectionId = section.Id, State = state, AnswersJson = "{}",
            CreatedAt = created, UpdatedAt = changes.Length == 0 ? created : changes[^1].At,
            SubmittedAt = changes.Where(c => c.ByLearner).Select(c => (DateTimeOffset?)c.At).LastOrDefault(),
            ReviewedAt = changes.Where(c => !c.ByLearner).Select(c => (DateTimeOffset?)c.At).LastOrDefault(),
        };
        db.Reflections.Add(reflection);
        db.ReflectionEvents.Add(new ReflectionEvent { ReflectionId = reflection.Id, ActorId = learner.Id, ToState = ReflectionState.Draft, At = created });
        await db.SaveChangesAsync();
        var from = ReflectionState.Draft;
        foreach (var (to, at, byLearner) in changes)
        {
            db.ReflectionEvents.Add(new ReflectionEvent { ReflectionId = reflection.Id, ActorId = byLearner ? learner.Id : instructor.Id, FromState = from, ToState = to, At = at });
            await db.SaveChangesAsync();
            from = to;
        }
    }

    private static SectionVote Vote(Enrolment enrolment, Section section, bool helpful, DateTimeOffset at) =>
        new() { EnrolmentId = enrolment.Id, SectionId = section.Id, Helpful = helpful, UpdatedAt = at };

    private static Notification Notification(Enrolment enrolment, NotificationState state, DateTimeOffset updatedAt) =>
        new()
        {
            Id = Guid.CreateVersion7(), EnrolmentId = enrolment.Id, UserId = enrolment.UserId, Week = 1, Kind = NotificationKind.Welcome,
            DueAt = enrolment.CreatedAt, State = state, Attempts = state == NotificationState.Failed ? 6 : 1,
            LastError = state == NotificationState.Failed ? "451 Try again later" : null, CreatedAt = enrolment.CreatedAt, UpdatedAt = updatedAt,
        };

    private static string Figure(IDocument page, string id) =>
        page.GetElementById(id)?.TextContent.Trim() ?? throw new InvalidOperationException($"No #{id} on the page.");

    private static List<string[]> TableRows(IDocument page, string chart) =>
        [.. page.QuerySelectorAll($"#table-{chart} tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())];

    private static async Task<List<string[]>> CsvAsync(HttpClient admin, string chart, string from = "2026-10-01", string to = "2026-10-31")
    {
        var response = await admin.GetAsync($"/admin/dashboard.csv?chart={chart}&from={from}&to={to}");
        response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"backcourse-{chart}-{from}-to-{to}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return ParseCsv(await response.Content.ReadAsStringAsync());
    }

    /// <summary>RFC 4180, enough for these files: quoted fields with doubled quotes and commas.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }
            cells.Add(cell.ToString());
            rows.Add([.. cells]);
        }
        return rows;
    }

    [Fact]
    public async Task Dashboard_counts_match_a_known_data_set()
    {
        await using var app = await TestApp.StartAsync();
        var known = await ArrangeOctoberAsync(app);
        var admin = await AdminAsync(app);
        var q1 = QuizDefinition.Parse(known.Week1Quiz.ExtrasJson).Questions;
        var q2 = QuizDefinition.Parse(known.Week2Quiz.ExtrasJson).Questions;

        var page = await admin.GetPageAsync(October);

        Assert.Equal(("2026-10-01", "2026-10-31"), (page.GetElementById("from")?.GetAttribute("value"), page.GetElementById("to")?.GetAttribute("value")));
        Assert.Equal("10", Figure(page, "fig-enrolments"));
        Assert.Equal("$90.00", Figure(page, "fig-gross"));
        Assert.Equal("$18.00", Figure(page, "fig-refunds"));
        Assert.Equal("$72.00", Figure(page, "fig-net"));
        Assert.Equal("5", Figure(page, "fig-active"));
        Assert.Equal("2", Figure(page, "fig-waiting"));
        Assert.Equal("4 h 0 min", Figure(page, "fig-median-review"));
        Assert.Equal("1", Figure(page, "fig-failed-notifications"));

        var enrolments = TableRows(page, "enrolments");
        Assert.Equal(31, enrolments.Count);
        Assert.Equal(
            [["2026-10-05", "3"], ["2026-10-12", "2"], ["2026-10-20", "4"], ["2026-10-31", "1"]],
            enrolments.Where(r => r[1] != "0").ToList());
        Assert.Equal(
            [["2026-10-05", "27.00", "0.00", "27.00"], ["2026-10-12", "18.00", "0.00", "18.00"], ["2026-10-20", "36.00", "0.00", "36.00"],
             ["2026-10-21", "0.00", "9.00", "-9.00"], ["2026-10-25", "0.00", "9.00", "-9.00"], ["2026-10-31", "9.00", "0.00", "9.00"]],
            TableRows(page, "revenue").Where(r => r[1] != "0.00" || r[2] != "0.00").ToList());
        Assert.Equal(
            [["Enrolled", "10", "100"], ["Completed week 1", "4", "40"], ["Completed week 2", "3", "30"], ["Completed week 3", "0", "0"],
             ["Completed week 4", "0", "0"], ["Completed week 5", "0", "0"], ["Completed week 6", "0", "0"]],
            TableRows(page, "funnel"));
        var quizzes = TableRows(page, "quizzes");
        Assert.Equal(6, quizzes.Count); // the graded quizzes; the self-assessments have no pass mark
        Assert.Equal(["1", known.Week1Quiz.Title, "3", "2", "67"], quizzes[0]);
        Assert.Equal(["2", known.Week2Quiz.Title, "1", "1", "100"], quizzes[1]);
        Assert.Equal(["0", "0", ""], quizzes[2][2..]);
        var hardest = TableRows(page, "questions");
        Assert.Equal(5, hardest.Count);
        Assert.Equal(["2", known.Week2Quiz.Title, q2[0].Text, "1", "0", "0"], hardest[0]);
        Assert.Equal(["1", known.Week1Quiz.Title, q1[0].Text, "3", "1", "33"], hardest[1]);
        Assert.Equal(
            new[] { q1[1].Text, q1[2].Text }.Order(StringComparer.Ordinal),
            hardest[2..4].Select(r => { Assert.Equal(["3", "2", "67"], r[3..]); return r[2]; }));
        Assert.Equal(
            [["1", known.VotedWeek1.Title, "4", "1", "80"], ["2", known.VotedWeek2.Title, "0", "1", "0"]],
            TableRows(page, "helpfulness"));

        // Each chart is an image with a title and a summary, drawn without inline styles (the CSP forbids them).
        foreach (var chart in new[] { "enrolments", "revenue", "funnel", "quizzes", "questions", "helpfulness" })
        {
            var svg = page.GetElementById($"chart-{chart}");
            Assert.NotNull(svg);
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("title")?.TextContent));
            Assert.NotNull(page.QuerySelector($"a[href='/admin/dashboard.csv?chart={chart}&from=2026-10-01&to=2026-10-31']"));
        }
        Assert.Contains("10 enrolments from 1 Oct 2026 to 31 Oct 2026", page.GetElementById("chart-enrolments")!.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Of 10 learners who enrolled in the period, 4 completed week 1, 3 completed week 2", page.GetElementById("chart-funnel")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Equal(4, page.GetElementById("chart-enrolments")!.QuerySelectorAll("rect.bar").Length); // one column per day with enrolments
    }

    [Fact]
    public async Task Each_chart_downloads_as_csv_with_the_same_numbers()
    {
        await using var app = await TestApp.StartAsync();
        var known = await ArrangeOctoberAsync(app);
        var admin = await AdminAsync(app);

        var enrolments = await CsvAsync(admin, "enrolments");
        Assert.Equal(["Day", "Enrolments"], enrolments[0]);
        Assert.Equal(32, enrolments.Count);
        Assert.Equal(["2026-10-01", "0"], enrolments[1]);
        Assert.Equal(["2026-10-20", "4"], enrolments[20]);
        Assert.Equal(10, enrolments.Skip(1).Sum(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));

        var revenue = await CsvAsync(admin, "revenue");
        Assert.Equal(["Day", "Gross (USD)", "Refunds (USD)", "Net (USD)"], revenue[0]);
        Assert.Equal(["2026-10-21", "0.00", "9.00", "-9.00"], revenue[21]);
        Assert.Equal(90m, revenue.Skip(1).Sum(r => decimal.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(72m, revenue.Skip(1).Sum(r => decimal.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));

        var funnel = await CsvAsync(admin, "funnel");
        Assert.Equal(["Step", "Learners", "Share of enrolled (%)"], funnel[0]);
        Assert.Equal(["Completed week 2", "3", "30"], funnel[3]);

        var quizzes = await CsvAsync(admin, "quizzes");
        Assert.Equal(["1", known.Week1Quiz.Title, "3", "2", "67"], quizzes[1]);

        var questions = await CsvAsync(admin, "questions");
        Assert.Equal(["Week", "Quiz", "Question", "Answered", "Correct", "Correct (%)"], questions[0]);
        Assert.Equal(["2", known.Week2Quiz.Title, QuizDefinition.Parse(known.Week2Quiz.ExtrasJson).Questions[0].Text, "1", "0", "0"], questions[1]);

        var helpfulness = await CsvAsync(admin, "helpfulness");
        Assert.Equal(["1", known.VotedWeek1.Title, "4", "1", "80"], helpfulness[1]);

        // A shorter period changes the figures: only 20 October.
        var oneDay = await CsvAsync(admin, "enrolments", "2026-10-20", "2026-10-20");
        Assert.Equal([["Day", "Enrolments"], ["2026-10-20", "4"]], oneDay);

        (await admin.GetAsync("/admin/dashboard.csv?chart=passwords&from=2026-10-01&to=2026-10-31")).ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync("/admin/dashboard.csv?from=2026-10-01&to=2026-10-31")).ShouldBe(HttpStatusCode.NotFound);
        var bad = await admin.GetAsync("/admin/dashboard.csv?chart=enrolments&from=2026-10-31&to=2026-10-01");
        bad.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Contains("The first day must be on or before the last day.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_period_shows_a_message_next_to_the_field_and_never_a_500()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await AdminAsync(app);

        // No dates: the last 30 days ending today (the clock stands at 2 November 2026).
        var defaults = await admin.GetPageAsync("/admin");
        Assert.Equal(("2026-10-04", "2026-11-02"), (defaults.GetElementById("from")?.GetAttribute("value"), defaults.GetElementById("to")?.GetAttribute("value")));
        Assert.Equal("0", Figure(defaults, "fig-enrolments"));

        async Task<IDocument> Refused(string query)
        {
            var response = await admin.GetAsync("/admin?" + query);
            response.ShouldBe(HttpStatusCode.BadRequest);
            var page = await response.ReadHtmlAsync();
            Assert.Null(page.GetElementById("fig-enrolments"));
            Assert.NotNull(page.GetElementById("scheduler-heading")); // the rest of the page is still there
            return page;
        }

        var unreadable = await Refused("from=2026-13-01&to=2026-10-31");
        Assert.StartsWith("Please enter the first day as a date", unreadable.GetElementById("from-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-13-01", unreadable.GetElementById("from")?.GetAttribute("value"));
        Assert.Equal("from-error", unreadable.GetElementById("from")?.GetAttribute("aria-describedby"));

        var script = await Refused("to=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.StartsWith("Please enter the last day as a date", script.GetElementById("to-error")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(script.QuerySelectorAll("main script"));

        var backwards = await Refused("from=2026-10-31&to=2026-10-01");
        Assert.Equal("The first day must be on or before the last day.", backwards.GetElementById("from-error")?.TextContent);

        var tooLong = await Refused("from=2025-10-30&to=2026-10-31");
        Assert.Equal("Please choose at most 366 days; this period has 367.", tooLong.GetElementById("to-error")?.TextContent);

        var longest = await admin.GetPageAsync("/admin?from=2025-10-31&to=2026-10-31");
        Assert.Equal(366, TableRows(longest, "enrolments").Count);
    }

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.Instructor)]
    public async Task Learners_and_instructors_get_403_on_the_dashboard_and_its_csv(string role)
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("notadmin@example.test", role);
        var browser = app.CreateBrowser();
        await browser.SignInAsync("notadmin@example.test");

        foreach (var url in new[] { October, "/admin/dashboard.csv?chart=revenue&from=2026-10-01&to=2026-10-31" })
        {
            var response = await browser.GetAsync(url);
            response.ShouldBe(HttpStatusCode.Redirect);
            (await browser.GetAsync(response.Headers.Location!)).ShouldBe(HttpStatusCode.Forbidden);
        }
    }
}
