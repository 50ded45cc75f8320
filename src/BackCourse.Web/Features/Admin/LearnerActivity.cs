using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Tools;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record LearnerQuizRow(int Week, string Title, bool Graded, int Attempts, int? BestScore, bool Passed);

public sealed record LearnerReflectionRow(Guid Id, int Week, string Title, ReflectionState State, bool Urgent, DateTimeOffset? SubmittedAt, DateTimeOffset? ReviewedAt);

public sealed record LearnerOrderRow(
    Guid Id, OrderStatus Status, int AmountCents, string Currency, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt,
    DateTimeOffset? RefundRequestedAt, DateTimeOffset? RefundedAt);

/// <summary>What a learner has done, for their admin page: per-week progress, quizzes, reflections, orders, pain log.</summary>
public sealed record LearnerActivityModel(
    IReadOnlyDictionary<int, (int Completed, int Total)> WeekProgress,
    IReadOnlyList<LearnerQuizRow> Quizzes,
    IReadOnlyList<LearnerReflectionRow> Reflections,
    IReadOnlyList<LearnerOrderRow> Orders,
    PainChartModel? PainChart)
{
    public static readonly LearnerActivityModel None = new(new Dictionary<int, (int, int)>(), [], [], [], null);
}

/// <summary>Reads one learner's work in a handful of grouped queries.</summary>
public sealed class LearnerActivity(AppDbContext db, PainLog painLog)
{
    public async Task<LearnerActivityModel> LoadAsync(AppUser user, Course? course, Enrolment? enrolment, TimeZoneInfo zone, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.UserId == user.Id)
            .OrderByDescending(o => o.CreatedAt)
            .Select(o => new LearnerOrderRow(o.Id, o.Status, o.AmountCents, o.Currency, o.CreatedAt, o.PaidAt, o.RefundRequestedAt, o.RefundedAt))
            .ToListAsync(ct);
        if (course is null || enrolment is null)
        {
            return LearnerActivityModel.None with { Orders = orders };
        }

        var weeks = await WeekCompletion.ForEnrolmentAsync(db, course.Id, enrolment.Id, ct);

        var attempts = await db.QuizAttempts
            .Where(a => a.EnrolmentId == enrolment.Id && a.SubmittedAt != null)
            .GroupBy(a => a.SectionId)
            .Select(g => new { SectionId = g.Key, Count = g.Count(), Best = g.Max(a => a.ScorePercent), Passed = g.Any(a => a.Passed == true) })
            .ToDictionaryAsync(x => x.SectionId, ct);
        var quizSections = await db.Sections.AsNoTracking()
            .Where(s => s.CourseId == course.Id && s.Kind == SectionKind.Quiz)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .ToListAsync(ct);
        var quizzes = quizSections
            .Where(s => s.IsPublished || attempts.ContainsKey(s.Id))
            .Select(s =>
            {
                var graded = QuizDefinition.Parse(s.ExtrasJson).Graded;
                return attempts.TryGetValue(s.Id, out var a)
                    ? new LearnerQuizRow(s.WeekNumber, s.Title, graded, a.Count, a.Best, a.Passed)
                    : new LearnerQuizRow(s.WeekNumber, s.Title, graded, 0, null, false);
            }).ToList();

        var reflections = await (from r in db.Reflections
                                 join s in db.Sections on r.SectionId equals s.Id
                                 where r.EnrolmentId == enrolment.Id
                                 orderby s.WeekNumber, s.Position
                                 select new LearnerReflectionRow(r.Id, s.WeekNumber, s.Title, r.State, r.Urgent, r.SubmittedAt, r.ReviewedAt))
                                .ToListAsync(ct);

        var chart = await painLog.ChartAsync(user.Id, enrolment.StartedAt, zone, ct);
        return new LearnerActivityModel(weeks, quizzes, reflections, orders, chart);
    }
}
