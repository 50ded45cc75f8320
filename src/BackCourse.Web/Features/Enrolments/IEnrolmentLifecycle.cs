using BackCourse.Web.Domain;

namespace BackCourse.Web.Features.Enrolments;

/// <summary>
/// The one hook for "an enrolment began" and "an enrolment ended": today it sends the welcome and
/// refund emails; the weekly unlock schedule plugs in here too.
/// </summary>
public interface IEnrolmentLifecycle
{
    Task StartedAsync(Enrolment enrolment, CancellationToken ct);

    /// <summary>Access ended by a refund.</summary>
    Task RefundedAsync(Enrolment enrolment, CancellationToken ct);
}
