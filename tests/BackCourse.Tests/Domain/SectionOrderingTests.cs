using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class SectionOrderingTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid D = Guid.Parse("00000000-0000-0000-0000-00000000000d");

    // Week 1: A, B, C; week 2: D. Positions with gaps, as after a deletion.
    private static readonly SectionPlace[] Start = [new(A, 1, 1), new(B, 1, 4), new(C, 1, 9), new(D, 2, 3)];

    private static List<(Guid, int, int)> Plain(IEnumerable<SectionPlace> places) =>
        [.. places.OrderBy(p => p.Week).ThenBy(p => p.Position).Select(p => (p.Id, p.Week, p.Position))];

    [Fact]
    public void Moving_up_swaps_with_the_one_before_and_closes_the_gaps()
    {
        Assert.Equal([(A, 1, 1), (C, 1, 2), (B, 1, 3), (D, 2, 1)], Plain(SectionOrdering.Step(Start, C, -1)));
    }

    [Fact]
    public void The_first_section_moved_up_and_the_last_moved_down_stay_put()
    {
        Assert.Equal([(A, 1, 1), (B, 1, 2), (C, 1, 3), (D, 2, 1)], Plain(SectionOrdering.Step(Start, A, -1)));
        Assert.Equal([(A, 1, 1), (B, 1, 2), (C, 1, 3), (D, 2, 1)], Plain(SectionOrdering.Step(Start, C, +1)));
    }

    [Fact]
    public void Moving_to_another_week_renumbers_both_weeks()
    {
        Assert.Equal([(B, 1, 1), (C, 1, 2), (A, 2, 1), (D, 2, 2)], Plain(SectionOrdering.Move(Start, A, 2, 1)));
    }

    [Fact]
    public void A_place_beyond_the_end_means_last_and_a_new_week_starts_at_one()
    {
        Assert.Equal([(A, 1, 1), (C, 1, 2), (D, 2, 1), (B, 2, 2)], Plain(SectionOrdering.Move(Start, B, 2, 99)));
        Assert.Equal([(A, 1, 1), (B, 1, 2), (D, 2, 1), (C, 3, 1)], Plain(SectionOrdering.Move(Start, C, 3, 5)));
    }

    [Fact]
    public void Compact_keeps_the_order_without_gaps()
    {
        Assert.Equal([(A, 1, 1), (B, 1, 2), (C, 1, 3), (D, 2, 1)], Plain(SectionOrdering.Compact(Start)));
    }
}
