using System.Security.Cryptography;
using System.Text;

namespace BackCourse.Web.Domain;

/// <summary>
/// Quiz option ids: short, lower-case, and telling nothing about an option's place or whether it is right,
/// so the value a learner's browser sends is no clue to the answer.
/// </summary>
public static class QuizOptionIds
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int Length = 10;

    /// <summary>A new random id, for an option added in the editor.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>An option's id: its stored one, or else one made from its text (another, should the question already use that one).</summary>
    public static string Of(string questionKey, string? storedId, string text, IEnumerable<string> taken)
    {
        if (!string.IsNullOrEmpty(storedId))
        {
            return storedId;
        }
        var used = taken.ToHashSet();
        var id = FromText(questionKey, text);
        // Two options of the same text (a slip while authoring) still get ids of their own.
        for (var n = 2; used.Contains(id); n++)
        {
            id = FromText(questionKey, text + "\n" + n);
        }
        return id;
    }

    /// <summary>The id of an option stored without one: from its question and its text, which the page shows anyway.</summary>
    public static string FromText(string questionKey, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(questionKey + "\n" + text));
        return string.Create(Length, hash, (chars, h) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[h[i] % Alphabet.Length];
            }
        });
    }
}
