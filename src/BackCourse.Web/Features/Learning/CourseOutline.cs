using BackCourse.Web.Domain;

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
        for (var i = 0; i < Sections.Count; i++)
        {
            if (Sections[i].Id == sectionId)
            {
                return (i > 0 ? Sections[i - 1] : null, i + 1 < Sections.Count ? Sections[i + 1] : null);
            }
        }
        return (null, null);
    }
}

/// <summary>The course's outline, from the in-memory copy of the published course.</summary>
public sealed class CourseOutlineReader(Content.CourseContentCache cache)
{
    /// <summary>The course by slug, or the course when no slug is given (this site sells one).</summary>
    public async Task<CourseOutline?> ReadAsync(string? slug, CancellationToken ct)
    {
        var content = await cache.GetAsync(ct);
        return content is null || (slug is not null && content.Outline.Course.Slug != slug) ? null : content.Outline;
    }
}
