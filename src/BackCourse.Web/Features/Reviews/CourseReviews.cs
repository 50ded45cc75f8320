using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Reviews;

public sealed class ReviewForm
{
    public int? Rating { get; set; }
    public string? Body { get; set; }
}

public sealed class ReviewFormValidator : AbstractValidator<ReviewForm>
{
    public ReviewFormValidator()
    {
        RuleFor(f => f.Rating).NotNull().WithMessage("Please choose a rating from 1 to 5 stars.")
            .InclusiveBetween(1, 5).WithMessage("Please choose a rating from 1 to 5 stars.");
        RuleFor(f => f.Body).MaximumLength(2000).WithMessage("Please keep your review under 2000 characters.");
    }
}

public sealed record PublicReview(string Name, int Rating, string Body, DateTimeOffset At);

public sealed record ReviewSummary(double Average, int Count, IReadOnlyList<PublicReview> Latest);

/// <summary>Learner reviews: written after week 1, shown on the course page once an admin approves them.</summary>
public sealed class CourseReviews(AppDbContext db, TimeProvider clock)
{
    /// <summary>Finishing week 1 means passing its graded quiz. The dashboard asks the same in its one
    /// statement (DashboardReader): change both together.</summary>
    public Task<bool> MayReviewAsync(Guid enrolmentId, Guid courseId, CancellationToken ct) =>
        (from a in db.QuizAttempts
         join s in db.Sections on a.SectionId equals s.Id
         where a.EnrolmentId == enrolmentId && s.CourseId == courseId && s.WeekNumber == 1 && s.Kind == SectionKind.Quiz && a.Passed == true
               && a.GradedCount > 0
         select a).AnyAsync(ct);

    public Task<CourseReview?> MineAsync(Guid userId, Guid courseId, CancellationToken ct) =>
        db.CourseReviews.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.CourseId == courseId, ct);

    /// <summary>Saves the learner's review; an edit goes back to the admin for approval.</summary>
    public async Task SaveAsync(Guid userId, Guid courseId, ReviewForm form, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var review = await db.CourseReviews.SingleOrDefaultAsync(r => r.UserId == userId && r.CourseId == courseId, ct);
        if (review is null)
        {
            review = new CourseReview { Id = Guid.CreateVersion7(), UserId = userId, CourseId = courseId, CreatedAt = now };
            db.CourseReviews.Add(review);
        }
        review.Rating = form.Rating!.Value;
        review.Body = form.Body?.Trim() ?? "";
        review.Status = ReviewStatus.Pending;
        review.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    public async Task<ReviewSummary> ApprovedAsync(Guid courseId, CancellationToken ct)
    {
        var approved = db.CourseReviews.AsNoTracking().Where(r => r.CourseId == courseId && r.Status == ReviewStatus.Approved);
        var count = await approved.CountAsync(ct);
        if (count == 0)
        {
            return new ReviewSummary(0, 0, []);
        }
        var average = await approved.AverageAsync(r => (double)r.Rating, ct);
        var latest = await (from r in approved
                            join u in db.Users on r.UserId equals u.Id
                            orderby r.UpdatedAt descending
                            select new PublicReview(u.DisplayName, r.Rating, r.Body, r.UpdatedAt)).Take(10).ToListAsync(ct);
        return new ReviewSummary(average, count, [.. latest.Select(r => r with { Name = FirstNameOf(r.Name) })]);
    }

    /// <summary>Reviews are public: show a first name only.</summary>
    private static string FirstNameOf(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "A learner";
}
