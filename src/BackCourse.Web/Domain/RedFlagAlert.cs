namespace BackCourse.Web.Domain;

/// <summary>Where a learner wrote words the red-flag check caught (reflections carry their own flag).</summary>
public enum RedFlagSource
{
    Worksheet,
    Suggestion,
    WeekFeedback,
    PainLog,
    ReflectionMessage,
}

/// <summary>
/// A learner wrote about a red flag somewhere other than a reflection. It sits at the top of the
/// instructor's queue, marked urgent, until a staff member marks it handled.
/// </summary>
public sealed class RedFlagAlert
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
    public RedFlagSource Source { get; set; }
    public Guid? SectionId { get; set; }

    /// <summary>The labels of the flags found, comma-separated, most urgent first.</summary>
    public string Flags { get; set; } = "";

    /// <summary>What the learner wrote (up to 1000 characters), so the instructor sees it without digging.</summary>
    public string Excerpt { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public Guid? HandledBy { get; set; }
}
