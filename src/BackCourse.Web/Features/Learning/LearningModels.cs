using BackCourse.Web.Domain;

namespace BackCourse.Web.Features.Learning;

public sealed record WeekProgress(
    int Number, string Title, string Summary, int Completed, int Total, bool IsOpen, string? OpensDay, string? OpensRelative);

public sealed record DashboardModel(
    string CourseTitle,
    string LearnerName,
    int Completed,
    int Total,
    IReadOnlyList<WeekProgress> Weeks,
    SectionOutline? ContinueWith,
    bool IsPaused,
    bool SafetyConfirmed,
    Tools.PainChartModel PainChart,
    IReadOnlyList<Quizzes.SelfAssessmentRow> SelfAssessment,
    bool MayReview,
    ReviewStatus? ReviewStatus);

public sealed record WeekModel(WeekProgress Week, IReadOnlyList<(SectionOutline Section, bool Completed)> Sections);

public sealed record SectionModel(
    Section Section,
    string WeekTitle,
    SectionOutline? Previous,
    SectionOutline? Next,
    bool IsVisitorPreview,
    bool IsCompleted,
    IReadOnlyList<WorksheetField> Fields,
    IReadOnlyDictionary<string, string> Answers,
    string? ToolName,
    QuizDefinition? Quiz,
    IReadOnlyList<PromptItem> Prompts,
    IReadOnlyList<QuizAttempt> Attempts,
    Reflection? Reflection,
    IReadOnlyList<ReflectionMessage> Thread,
    bool? HelpfulVote,
    bool WeekFeedbackSent,
    IReadOnlyList<FeedbackQuestion> FeedbackQuestions,
    int? PreviewWeek = null)
{
    /// <summary>Where a section link goes: the learner's page, or the admin's preview of it as a learner in week N.</summary>
    public string Href(string slug) => PreviewWeek is { } week ? $"/admin/course/preview/{week}/{slug}" : $"/learn/{slug}";

    /// <summary>Quizzes complete by passing, reflections by submitting, weekly feedback by sending it.</summary>
    public bool CanMarkComplete => !IsVisitorPreview && PreviewWeek is null && Section.Kind is not (SectionKind.Quiz or SectionKind.Reflection or SectionKind.Feedback);

    public QuizAttempt? OpenAttempt => Attempts.FirstOrDefault(a => a.SubmittedAt is null);
}

public sealed record LockedModel(int Week, string WeekTitle, string? OpensAt, string? OpensRelative, bool IsPaused);
