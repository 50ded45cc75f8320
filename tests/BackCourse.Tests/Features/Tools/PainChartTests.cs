using BackCourse.Web.Domain;
using BackCourse.Web.Features.Tools;

namespace BackCourse.Tests.Features.Tools;

public sealed class PainChartTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 2);

    [Fact]
    public void Each_logged_day_becomes_a_point_on_both_lines()
    {
        var chart = new PainChartModel(Day1,
        [
            new PainLogEntry { Day = Day1, Pain = 8, Stiffness = 6 },
            new PainLogEntry { Day = Day1.AddDays(41), Pain = 2, Stiffness = 1 },
        ]);

        var svg = chart.Svg();

        Assert.Equal(4, CountOf(svg, "<circle"));
        Assert.Equal(2, CountOf(svg, "<polyline"));
        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
        Assert.Contains("Week 6", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_outside_the_six_weeks_are_left_out()
    {
        var chart = new PainChartModel(Day1, [new PainLogEntry { Day = Day1.AddDays(-1), Pain = 5, Stiffness = 5 }]);
        Assert.Equal(0, CountOf(chart.Svg(), "<circle"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
