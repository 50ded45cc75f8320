using System.ComponentModel.DataAnnotations;

namespace BackCourse.Web.Scheduling;

/// <summary>Section <c>Scheduling</c>: the Quartz-driven email dispatch.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Run the scheduler on this node. Every node may; clustering makes each firing run once.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 3600)]
    public int DispatchIntervalSeconds { get; set; } = 10;

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    [Range(1, 32)]
    public int SendParallelism { get; set; } = 4;

    /// <summary>A row left "sending" this long (a node died mid-send) is sent again.</summary>
    [Range(1, 1440)]
    public int StuckAfterMinutes { get; set; } = 10;

    /// <summary>UTC hour of the instructors' daily digest.</summary>
    [Range(0, 23)]
    public int DigestHourUtc { get; set; } = 7;
}
