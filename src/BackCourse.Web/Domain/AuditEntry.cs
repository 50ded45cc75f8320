namespace BackCourse.Web.Domain;

/// <summary>One change an admin made to the course: who, when, which item, and each field's before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorEmail { get; set; } = "";
    public string Action { get; set; } = "";
    public string ItemType { get; set; } = "";
    public string ItemId { get; set; } = "";
    public string ItemLabel { get; set; } = "";

    /// <summary>JSON object: field name → { "from": …, "to": … }.</summary>
    public string Changes { get; set; } = "{}";
}
