namespace BackCourse.Web.Data;

/// <summary>A Data Protection key kept in PostgreSQL so cookies survive restarts and work on every node.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
