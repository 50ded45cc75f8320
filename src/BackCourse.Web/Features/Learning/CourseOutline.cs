using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Learning;

/// <summary>A section without its body: enough for lists, navigation and progress.</summary>
public sealed record SectionOutline(
    Guid Id, int WeekNumber, int Position, SectionKind Kind, string Slug, string Title, string Summary, int Minutes, bool IsPreview);

/// <summary>The course's published structure, in order.</summary>
public sealed record CourseOutline(Course Course, IReadOnlyList<Week> Weeks, IReadOnlyList<SectionOutline> Sections)
{
    public IEnumerable<SectionOutline> InWeek(int week) => Sections.Where(s => s.WeekNumber == week);

    public int TotalMinutes => Sections.Sum(s => s.Minutes);

    public SectionOutline? Preview => Sections.FirstOrDefault(s => s.IsPreview);

    public (SectionOutline? Previous, SectionOutline? Next) Around(Guid sectionId)
    {
        var index = Sections.ToList().FindIndex(s => s.Id == sectionId);
        return index < 0
            ? (null, null)
            : (index > 0 ? Sections[index - 1] : null, index + 1 < Sections.Count ? Sections[index + 1] : null);
    }
}

public sealed class CourseOutlineReader(AppDbContext db)
{
    /// <summary>The course by slug, or the first course when no slug is given (this site sells one).</summary>
    public async Task<CourseOutline?> ReadAsync(string? slug, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking()
            .Where(c => slug == null || c.Slug == slug)
            .OrderBy(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (course is null)
        {
            return null;
        }
        var weeks = await db.Weeks.AsNoTracking().Where(w => w.CourseId == course.Id).OrderBy(w => w.Number).ToListAsync(ct);
        var sections = await db.Sections.AsNoTracking()
            .Where(s => s.CourseId == course.Id && s.IsPublished)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .Select(s => new SectionOutline(s.Id, s.WeekNumber, s.Position, s.Kind, s.Slug, s.Title, s.Summary, s.Minutes, s.IsPreview))
            .ToListAsync(ct);
        return new CourseOutline(course, weeks, sections);
    }
}
