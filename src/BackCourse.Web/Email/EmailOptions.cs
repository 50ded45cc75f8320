using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Email;

/// <summary>Section <c>Email</c>. With no SMTP host, messages are written as .eml files instead.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    [ValidateObjectMembers]
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Where .eml files go when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = ".data/mail";
}

public sealed class SmtpSettings
{
    /// <summary>The sender, with or without a display name.</summary>
    [Required, EmailAddress]
    public string From { get; set; } = "BackCourse <no-reply@backcourse.test>";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public string? User { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; }

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How many SMTP connections are kept open and reused across sends (and so the most messages in
    /// flight at once). Each is opened on first need and reopened if the server dropped it.
    /// </summary>
    [Range(1, 64)]
    public int PoolSize { get; set; } = 4;
}
