namespace BackCourse.Web.Domain;

public enum ReflectionState
{
    Draft,
    Submitted,
    RevisionRequested,
    Resubmitted,
    Reviewed,
}

/// <summary>A learner's written answers to a reflection section, and where its review stands.</summary>
public sealed class Reflection
{
    public Guid Id { get; set; }
    public Guid EnrolmentId { get; set; }
    public Guid SectionId { get; set; }
    public ReflectionState State { get; set; }

    /// <summary>Prompt key → answer.</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>The text mentions a red-flag symptom: it goes to the top of the instructor's queue.</summary>
    public bool Urgent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    public bool IsWaitingForReview => State is ReflectionState.Submitted or ReflectionState.Resubmitted;
    public bool IsEditable => State is ReflectionState.Draft or ReflectionState.RevisionRequested;
}

/// <summary>Every state change, with who made it and when.</summary>
public sealed class ReflectionEvent
{
    public long Id { get; set; }
    public Guid ReflectionId { get; set; }
    public Guid? ActorId { get; set; }
    public ReflectionState? FromState { get; set; }
    public ReflectionState ToState { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>One message in the conversation between instructor and learner about a reflection.</summary>
public sealed class ReflectionMessage
{
    public long Id { get; set; }
    public Guid ReflectionId { get; set; }
    public Guid? AuthorId { get; set; }
    public bool FromInstructor { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An instructor assigned to a course: they review its reflections.</summary>
public sealed class CourseInstructor
{
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>The state machine of a reflection review, as a pure rule.</summary>
public static class ReflectionWorkflow
{
    public static bool CanSubmit(ReflectionState state) => state is ReflectionState.Draft or ReflectionState.RevisionRequested;

    public static ReflectionState Submitted(ReflectionState from) =>
        from == ReflectionState.RevisionRequested ? ReflectionState.Resubmitted : ReflectionState.Submitted;

    public static bool CanReview(ReflectionState state) => state is ReflectionState.Submitted or ReflectionState.Resubmitted;
}
