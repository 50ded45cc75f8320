namespace BackCourse.Web.Domain;

/// <summary>A learner's place in a course, and the clock their weeks open by.</summary>
public sealed class Enrolment
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid CourseId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public EnrolmentStatus Status { get; set; }

    /// <summary>Set while paused: the week clock stands still from this instant.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Time spent in earlier pauses; later weeks open this much later.</summary>
    public TimeSpan PausedTotal { get; set; }

    /// <summary>An admin opened every week for this learner.</summary>
    public bool AllWeeksUnlocked { get; set; }

    /// <summary>When the learner read and confirmed the "see a doctor now" notice.</summary>
    public DateTimeOffset? SafetyConfirmedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool GivesAccess => Status is EnrolmentStatus.Active or EnrolmentStatus.Paused;

    public WeekUnlockCalendar Calendar(TimeZoneInfo zone) =>
        new(StartedAt, zone, PausedTotal, Status == EnrolmentStatus.Paused ? PausedAt : null, AllWeeksUnlocked);
}

public enum EnrolmentStatus
{
    Active,
    Paused,
    Refunded,
    Revoked,
}

/// <summary>What a learner has opened and completed; an opened section never locks again.</summary>
public sealed class SectionProgress
{
    public Guid EnrolmentId { get; set; }
    public Guid SectionId { get; set; }
    public DateTimeOffset FirstOpenedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A learner's answers to one worksheet (or checklist), as JSON keyed by field.</summary>
public sealed class WorksheetAnswer
{
    public Guid EnrolmentId { get; set; }
    public Guid SectionId { get; set; }
    public string AnswersJson { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One day of the pain &amp; stiffness log (0–10 each), dated in the learner's own zone.</summary>
public sealed class PainLogEntry
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public DateOnly Day { get; set; }
    public int Pain { get; set; }
    public int Stiffness { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
