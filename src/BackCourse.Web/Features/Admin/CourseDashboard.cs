using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record DashboardData(
    DashboardPeriod Period,
    string Currency,
    IReadOnlyList<DayCount> Enrolments,
    IReadOnlyList<DayRevenue> Revenue,
    int Cohort,
    IReadOnlyList<WeekFunnelStep> Funnel,
    DashboardPeriod ActiveWindow,
    int ActiveLearners,
    IReadOnlyList<QuizPassRate> Quizzes,
    IReadOnlyList<HardQuestion> HardestQuestions,
    ReviewTimes Reviews,
    IReadOnlyList<HelpfulnessRow> Helpfulness,
    int FailedNotifications)
{
    public int EnrolmentTotal => Enrolments.Sum(d => d.Count);
    public long GrossCents => Revenue.Sum(d => d.GrossCents);
    public long RefundCents => Revenue.Sum(d => d.RefundCents);
    public long NetCents => GrossCents - RefundCents;
}

/// <summary>
/// The course dashboard: every figure is one grouped query over the period (no loops over learners),
/// so it stays quick with tens of thousands of learners. Days are UTC days.
/// </summary>
public sealed class CourseDashboard(
    AppDbContext db, TimeProvider clock, EnrolmentsAndRevenue sales, WeekFunnel funnel, ActiveLearners active, QuizResults quizzes, ReflectionReviewTimes reviews)
{
    public EnrolmentsAndRevenue Sales => sales;

    public WeekFunnel Funnel => funnel;

    public QuizResults Quizzes => quizzes;

    public Task<Course?> CourseAsync(CancellationToken ct) =>
        db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);

    public async Task<DashboardData> LoadAsync(Course course, DashboardPeriod period, CancellationToken ct)
    {
        var (cohort, steps) = await funnel.ReadAsync(course.Id, period, ct);
        var window = ActiveLearners.Window(period);
        return new DashboardData(
            period,
            course.Currency,
            await sales.EnrolmentsAsync(course.Id, period, ct),
            await sales.RevenueAsync(course.Id, period, ct),
            cohort,
            steps,
            window,
            await active.CountAsync(course.Id, window, ct),
            await quizzes.PassRatesAsync(course.Id, period, ct),
            await quizzes.HardestQuestionsAsync(course.Id, period, QuizResults.HardestCount, ct),
            await reviews.ReadAsync(course.Id, period, ct),
            await HelpfulnessAsync(period, ct),
            await FailedNotificationsAsync(course.Id, period, ct));
    }

    /// <summary>Helpfulness votes cast or changed in the period, per section.</summary>
    public Task<List<HelpfulnessRow>> HelpfulnessAsync(DashboardPeriod period, CancellationToken ct) =>
        SectionHelpfulness.ReadAsync(db, period.Start, period.End, ct);

    /// <summary>Emails that gave up (every retry failed) during the period.</summary>
    public Task<int> FailedNotificationsAsync(Guid courseId, DashboardPeriod period, CancellationToken ct) =>
        (from n in db.Notifications
         join e in db.Enrolments on n.EnrolmentId equals e.Id
         where e.CourseId == courseId && n.State == NotificationState.Failed && n.UpdatedAt >= period.Start && n.UpdatedAt < period.End
         select n.Id).CountAsync(ct);

    /// <summary>Today, for the default period.</summary>
    public DateOnly Today => DashboardPeriodQuery.Today(clock);
}
