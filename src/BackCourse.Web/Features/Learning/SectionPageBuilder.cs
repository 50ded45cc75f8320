using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Quizzes;
using BackCourse.Web.Features.Reflections;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Learning;

/// <summary>
/// Everything a section page shows around its content: worksheet answers, quiz attempts, the
/// reflection and its thread, the learner's helpfulness vote and weekly feedback. Used by every
/// controller that re-shows the page (for example with validation messages after a post).
/// </summary>
public sealed class SectionPageBuilder(AppDbContext db, QuizAttempts attempts, ReflectionWork reflections)
{
    public const string View = "~/Features/Learning/Views/Section.cshtml";

    public async Task<SectionModel> BuildAsync(
        LearnerState state, Section section, bool visitorPreview, IReadOnlyDictionary<string, string>? posted, CancellationToken ct,
        SectionMark? knownMark = null)
    {
        // Form binding turns empty fields into nulls; the page shows them as empty.
        posted = posted?.ToDictionary(kv => kv.Key, kv => kv.Value ?? "");
        var week = state.Outline.Weeks.Single(w => w.Number == section.WeekNumber);
        var (previous, next) = state.Outline.Around(section.Id);
        var enrolmentId = visitorPreview || !state.HasAccess ? (Guid?)null : state.Enrolment!.Id;

        var completed = false;
        IReadOnlyDictionary<string, string> answers = posted ?? new Dictionary<string, string>();
        IReadOnlyList<QuizAttempt> quizAttempts = [];
        Reflection? reflection = null;
        IReadOnlyList<ReflectionMessage> thread = [];
        bool? vote = null;
        var feedbackSent = false;

        if (enrolmentId is { } id)
        {
            if (knownMark is not null)
            {
                completed = knownMark.CompletedAt is not null;
                vote = knownMark.HelpfulVote;
            }
            else
            {
                completed = await db.SectionProgress.AnyAsync(p => p.EnrolmentId == id && p.SectionId == section.Id && p.CompletedAt != null, ct);
                vote = await db.SectionVotes.Where(v => v.EnrolmentId == id && v.SectionId == section.Id).Select(v => (bool?)v.Helpful).SingleOrDefaultAsync(ct);
            }
            switch (section.Kind)
            {
                case SectionKind.Worksheet or SectionKind.Tool when posted is null:
                    var saved = await db.WorksheetAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.EnrolmentId == id && a.SectionId == section.Id, ct);
                    answers = saved is null ? new Dictionary<string, string>() : SectionExtras.Answers(saved.AnswersJson);
                    break;
                case SectionKind.Quiz:
                    quizAttempts = await attempts.HistoryAsync(id, section.Id, ct);
                    break;
                case SectionKind.Reflection:
                    reflection = await reflections.FindAsync(id, section.Id, ct);
                    thread = reflection is null ? [] : await reflections.ThreadAsync(reflection.Id, ct);
                    answers = posted ?? ReflectionWork.AnswersOf(reflection);
                    break;
                case SectionKind.Feedback:
                    var userId = state.Enrolment!.UserId;
                    feedbackSent = await db.FeedbackItems.AnyAsync(f => f.UserId == userId && f.SectionId == section.Id && f.Kind == FeedbackKind.WeekFeedback, ct);
                    break;
            }
        }

        return new SectionModel(section, week.Title, previous, next, visitorPreview, completed,
            SectionExtras.Fields(section.ExtrasJson), answers, SectionExtras.ToolName(section.ExtrasJson),
            section.Kind == SectionKind.Quiz ? QuizDefinition.Parse(section.ExtrasJson) : null,
            section.Kind is SectionKind.Reflection or SectionKind.Feedback ? SectionExtras.Prompts(section.ExtrasJson) : [],
            quizAttempts, reflection, thread, vote, feedbackSent,
            section.Kind == SectionKind.Feedback ? SectionExtras.FeedbackQuestions(section.ExtrasJson) : []);
    }
}
