using Microsoft.AspNetCore.DataProtection;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>
/// Signed, tamper-proof tokens for the one-click unsubscribe link: the user id, protected with the
/// app's Data Protection keys (shared by every node), so no sign-in is needed and no forgery works.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("BackCourse.Unsubscribe.v1");

    public string Create(Guid userId) => protector.Protect(userId.ToString("N"));

    public Guid? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }
        try
        {
            return Guid.TryParseExact(protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
