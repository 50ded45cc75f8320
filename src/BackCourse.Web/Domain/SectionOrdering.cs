namespace BackCourse.Web.Domain;

/// <summary>Where a section sits: its week and its place in that week (1, 2, 3… with no gaps).</summary>
public readonly record struct SectionPlace(Guid Id, int Week, int Position);

/// <summary>
/// Moves a section within or between weeks and numbers every week again from 1 without gaps, so the
/// order is always contiguous whatever the stored positions were before.
/// </summary>
public static class SectionOrdering
{
    /// <summary>The new places after moving <paramref name="id"/> to <paramref name="week"/> at <paramref name="position"/> (clamped).</summary>
    public static IReadOnlyList<SectionPlace> Move(IEnumerable<SectionPlace> current, Guid id, int week, int position)
    {
        var byWeek = current
            .GroupBy(p => p.Week)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => p.Id).ToList());
        var from = byWeek.Single(w => w.Value.Contains(id));
        from.Value.Remove(id);
        if (!byWeek.TryGetValue(week, out var target))
        {
            target = byWeek[week] = [];
        }
        target.Insert(Math.Clamp(position - 1, 0, target.Count), id);
        return Renumber(byWeek);
    }

    /// <summary>One place up or down inside its week; at either end it stays where it is.</summary>
    public static IReadOnlyList<SectionPlace> Step(IEnumerable<SectionPlace> current, Guid id, int delta)
    {
        var list = current.ToList();
        var me = list.Single(p => p.Id == id);
        var index = list.Where(p => p.Week == me.Week).OrderBy(p => p.Position).ThenBy(p => p.Id).ToList().FindIndex(p => p.Id == id);
        return Move(list, id, me.Week, index + 1 + delta);
    }

    /// <summary>Positions 1..n in each week, keeping the current order.</summary>
    public static IReadOnlyList<SectionPlace> Compact(IEnumerable<SectionPlace> current) =>
        Renumber(current.GroupBy(p => p.Week)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => p.Id).ToList()));

    private static List<SectionPlace> Renumber(Dictionary<int, List<Guid>> byWeek) =>
        [.. byWeek.OrderBy(w => w.Key).SelectMany(w => w.Value.Select((sectionId, i) => new SectionPlace(sectionId, w.Key, i + 1)))];
}
