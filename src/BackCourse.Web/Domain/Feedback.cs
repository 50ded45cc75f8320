namespace BackCourse.Web.Domain;

public enum FeedbackKind
{
    Suggestion,
    WeekFeedback,
}

public enum FeedbackStatus
{
    New,
    Read,
    Answered,
}

/// <summary>A suggestion on a section, or a learner's answers to a week's feedback questions.</summary>
public sealed class FeedbackItem
{
    public long Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid? UserId { get; set; }
    public Guid SectionId { get; set; }
    public int WeekNumber { get; set; }
    public FeedbackKind Kind { get; set; }
    public string Body { get; set; } = "";
    public string? AnswersJson { get; set; }
    public FeedbackStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Reply { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public Guid? RepliedBy { get; set; }
}

/// <summary>"Was this helpful?" — one vote per learner per section, changeable.</summary>
public sealed class SectionVote
{
    public Guid EnrolmentId { get; set; }
    public Guid SectionId { get; set; }
    public bool Helpful { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum ReviewStatus
{
    Pending,
    Approved,
    Hidden,
}

/// <summary>A learner's rating (1–5) and review of the course; shown once an admin approves it.</summary>
public sealed class CourseReview
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
    public int Rating { get; set; }
    public string Body { get; set; } = "";
    public ReviewStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Marks that an instructor's daily digest for a day went out, so it goes out once.</summary>
public sealed class DigestRun
{
    public Guid InstructorId { get; set; }
    public DateOnly Day { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public int Count { get; set; }
}
