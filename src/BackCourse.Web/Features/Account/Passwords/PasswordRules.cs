using System.Collections.Frozen;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace BackCourse.Web.Features.Account.Passwords;

/// <summary>
/// What Identity's length rule can't see: a password attackers try first (a breach-frequency list kept in the
/// repo), or one that is the person's own email address or name. Each refusal says why, in plain words.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const string CommonMessage = "That password is on the list of passwords attackers try first. Please choose another: a few unrelated words make a strong one.";
    public const string PersonalMessage = "Your password can't be your email address or your name. Please choose something else.";

    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var candidate = Normalise(password);
        if (candidate.Length == 0)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (IsCommon(password!))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = CommonMessage }));
        }
        var email = user.Email ?? user.UserName ?? "";
        var personal = new[] { email, email.Split('@')[0], user.DisplayName }.Select(Normalise).Where(p => p.Length > 0);
        return Task.FromResult(personal.Contains(candidate)
            ? IdentityResult.Failed(new IdentityError { Code = "PersonalPassword", Description = PersonalMessage })
            : IdentityResult.Success);
    }

    /// <summary>Common whatever its case or spacing: "Password 123" is "password123".</summary>
    public static bool IsCommon(string password) => Common.Contains(Normalise(password));

    private static string Normalise(string? value) =>
        new([.. (value ?? "").Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant)]);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("BackCourse.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded in the app.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (Normalise(line) is { Length: > 0 } word)
            {
                words.Add(word);
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
