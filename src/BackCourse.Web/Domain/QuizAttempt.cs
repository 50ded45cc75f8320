namespace BackCourse.Web.Domain;

/// <summary>One try at a quiz: its shuffled option order, then (once submitted) the answers and score.</summary>
public sealed class QuizAttempt
{
    public Guid Id { get; set; }
    public Guid EnrolmentId { get; set; }
    public Guid SectionId { get; set; }
    public int Number { get; set; }

    /// <summary>Question key → option indexes in the order shown, so a reload shows the same order.</summary>
    public string OptionOrderJson { get; set; } = "{}";

    /// <summary>Question key → chosen option ids (or the rating value).</summary>
    public string? AnswersJson { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public int? CorrectCount { get; set; }
    public int? GradedCount { get; set; }
    public int? ScorePercent { get; set; }
    public bool? Passed { get; set; }
}
