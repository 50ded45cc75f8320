using System.ComponentModel.DataAnnotations;

namespace BackCourse.Web.Scheduling;

/// <summary>Section <c>Scheduling</c>: the Hangfire server on this node and the email dispatch it runs.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Run a Hangfire server on this node. Every node may; a node with it off serves pages only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due emails are looked for (Hangfire cron; six fields counts seconds).</summary>
    [Required]
    public string DispatchCron { get; set; } = "*/10 * * * * *";

    /// <summary>How often this node's Hangfire server looks for recurring and delayed jobs that are due, and for queued ones.</summary>
    [Range(100, 60_000)]
    public int PollIntervalMs { get; set; } = 5_000;

    /// <summary>Hangfire workers on this node (jobs running at once).</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>Emails sent at once by one dispatch run; the SMTP pool should be at least this large.</summary>
    [Range(1, 32)]
    public int SendParallelism { get; set; } = 4;

    /// <summary>UTC hour of the instructors' daily digest.</summary>
    [Range(0, 23)]
    public int DigestHourUtc { get; set; } = 7;
}
