namespace BackCourse.Web.Domain;

/// <summary>One sign-in on one browser, from the moment the cookie is issued until it is signed out or ended by a password change.</summary>
public sealed class SignInSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
