namespace BackCourse.Web.Email;

/// <summary>One row per message we tried to send, so staff can see what went out and what failed.</summary>
public sealed class EmailMessage
{
    public long Id { get; set; }
    public Guid? UserId { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Kind { get; set; } = "";
    public EmailStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? Error { get; set; }
}

public enum EmailStatus
{
    Sending = 0,
    Sent = 1,
    Failed = 2,
}
