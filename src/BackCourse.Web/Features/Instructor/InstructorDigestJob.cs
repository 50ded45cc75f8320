namespace BackCourse.Web.Features.Instructor;

/// <summary>Daily: each instructor's digest of new reflections; Hangfire retries it if the run fails.</summary>
public sealed class InstructorDigestJob(ReflectionNotifications notifications)
{
    public const string Id = "instructor-digest";

    public Task RunAsync(CancellationToken ct) => notifications.SendDailyDigestsAsync(ct);
}
