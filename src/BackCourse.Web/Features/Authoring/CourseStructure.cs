using BackCourse.Web.Content;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

/// <summary>What learners have done with a section; any of it means the section is archived, never deleted.</summary>
public sealed record LearnerWork(int Opened, int Answers, int QuizAttempts, int Reflections, int Feedback, int Votes)
{
    public bool Any => Opened + Answers + QuizAttempts + Reflections + Feedback + Votes > 0;
}

/// <summary>The course's weeks and sections as authors change them: order, publishing, archiving.</summary>
public sealed class CourseStructure(AppDbContext db, TimeProvider clock)
{
    public Task<Course?> CourseAsync(CancellationToken ct) =>
        db.Courses.OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>Moves a section and renumbers every week it touches; archived sections keep out of the order.</summary>
    public async Task MoveAsync(Section section, Func<IReadOnlyList<SectionPlace>, IReadOnlyList<SectionPlace>> move, CancellationToken ct)
    {
        var sections = await db.Sections.Where(s => s.CourseId == section.CourseId && s.ArchivedAt == null).ToListAsync(ct);
        var places = move([.. sections.Select(s => new SectionPlace(s.Id, s.WeekNumber, s.Position))]);
        var now = clock.GetUtcNow();
        foreach (var place in places)
        {
            var s = sections.Single(x => x.Id == place.Id);
            if (s.WeekNumber != place.Week || s.Position != place.Position)
            {
                s.WeekNumber = place.Week;
                s.Position = place.Position;
                s.UpdatedAt = now;
            }
        }
    }

    public async Task CompactAsync(Guid courseId, CancellationToken ct)
    {
        var sections = await db.Sections.Where(s => s.CourseId == courseId && s.ArchivedAt == null).ToListAsync(ct);
        foreach (var place in SectionOrdering.Compact(sections.Select(s => new SectionPlace(s.Id, s.WeekNumber, s.Position))))
        {
            var s = sections.Single(x => x.Id == place.Id);
            s.Position = place.Position;
        }
    }

    public async Task<LearnerWork> WorkOnAsync(Guid sectionId, CancellationToken ct) => new(
        await db.SectionProgress.CountAsync(p => p.SectionId == sectionId, ct),
        await db.WorksheetAnswers.CountAsync(a => a.SectionId == sectionId, ct),
        await db.QuizAttempts.CountAsync(a => a.SectionId == sectionId, ct),
        await db.Reflections.CountAsync(r => r.SectionId == sectionId, ct),
        await db.FeedbackItems.CountAsync(f => f.SectionId == sectionId, ct),
        await db.SectionVotes.CountAsync(v => v.SectionId == sectionId, ct));

    /// <summary>Deletes a section nobody has used, or archives one with learner work. Returns true when archived.</summary>
    public async Task<bool> RemoveAsync(Section section, CancellationToken ct)
    {
        var archived = (await WorkOnAsync(section.Id, ct)).Any;
        if (archived)
        {
            section.ArchivedAt = clock.GetUtcNow();
            section.IsPublished = false;
            section.IsPreview = false;
            section.UpdatedAt = clock.GetUtcNow();
        }
        else
        {
            db.Sections.Remove(section);
        }
        return archived;
    }

    /// <summary>Brings an archived section back as a draft at the end of its week.</summary>
    public async Task RestoreAsync(Section section, CancellationToken ct)
    {
        var last = await db.Sections.Where(s => s.CourseId == section.CourseId && s.WeekNumber == section.WeekNumber && s.ArchivedAt == null)
            .MaxAsync(s => (int?)s.Position, ct) ?? 0;
        section.ArchivedAt = null;
        section.IsPublished = false;
        section.Position = last + 1;
        section.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>What keeps a section from being shown to learners; empty when it can be published.</summary>
    public static IReadOnlyList<string> PublishProblems(Section section)
    {
        var problems = new List<string>();
        switch (section.Kind)
        {
            case SectionKind.Lesson or SectionKind.Tip when string.IsNullOrWhiteSpace(section.BodyMarkdown):
                problems.Add("Write the text before publishing.");
                break;
            case SectionKind.Quiz:
                var quizErrors = new QuizFormValidator().Validate(QuizDocument.ToForm(section.ExtrasJson));
                problems.AddRange(quizErrors.Errors.Select(e => e.ErrorMessage).Distinct());
                break;
            case SectionKind.Reflection or SectionKind.Worksheet or SectionKind.Feedback or SectionKind.Tool:
                var itemErrors = new ItemsFormValidator().Validate(ItemsDocument.ToForm(section.Kind, section.ExtrasJson));
                problems.AddRange(itemErrors.Errors.Select(e => e.ErrorMessage).Distinct());
                break;
        }
        return problems;
    }

    public static string DefaultExtras(SectionKind kind) => kind switch
    {
        SectionKind.Quiz => """{"graded": true, "passMarkPercent": 70, "questions": []}""",
        SectionKind.Reflection => """{"prompts": []}""",
        SectionKind.Worksheet => """{"fields": []}""",
        SectionKind.Feedback => """{"questions": []}""",
        SectionKind.Tool => """{"tool": "checklist", "items": []}""",
        _ => "{}",
    };

    public static void SetBody(Section section, string markdown)
    {
        section.BodyMarkdown = markdown;
        section.BodyHtml = MarkdownRenderer.ToHtml(markdown);
    }

    /// <summary>The lessons a quiz question can point learners back to.</summary>
    public Task<List<SectionOutline>> LessonsAsync(Guid courseId, CancellationToken ct) =>
        db.Sections.AsNoTracking()
            .Where(s => s.CourseId == courseId && s.ArchivedAt == null && (s.Kind == SectionKind.Lesson || s.Kind == SectionKind.Tip))
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .Select(s => new SectionOutline(s.Id, s.WeekNumber, s.Position, s.Kind, s.Slug, s.Title, s.Summary, s.Minutes, s.IsPreview))
            .ToListAsync(ct);
}
