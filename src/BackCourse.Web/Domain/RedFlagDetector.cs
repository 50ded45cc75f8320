using System.Text.RegularExpressions;

namespace BackCourse.Web.Domain;

/// <summary>
/// Spots the "see a doctor now" symptoms from the course's safety notice in a learner's own words.
/// It errs on the side of flagging ("no numbness" still flags): an instructor reads every flagged
/// reflection first and decides; a missed red flag costs far more than an unneeded look.
/// </summary>
public static partial class RedFlagDetector
{
    private static readonly (string Flag, Regex Pattern)[] Flags =
    [
        ("numbness or tingling", Numbness()),
        ("weakness in the legs or arms", Weakness()),
        ("bladder or bowel control", BladderBowel()),
        ("fever", Fever()),
        ("chest pain or trouble breathing", ChestOrBreathing()),
        ("an accident or fall", AccidentOrFall()),
    ];

    public static IReadOnlyList<string> Find(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. Flags.Where(f => f.Pattern.IsMatch(text)).Select(f => f.Flag)];

    public static string SuggestedReply(IReadOnlyList<string> flags, string noticeUrl) =>
        $"Thank you for writing this down. You mention {string.Join(", ", flags)}. Symptoms like these need a doctor's " +
        $"attention before anything else in this course, so please read the \"When to see a doctor now\" notice ({noticeUrl}) " +
        "and contact a doctor or urgent care today. This course can't examine you, and we'd rather you were checked. " +
        "Once a doctor has seen you, I'm glad to carry on working through the course with you.";

    [GeneratedRegex(@"\b(numb|numbness|tingl\w*|pins and needles)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Numbness();

    [GeneratedRegex(@"\b(legs?|arms?|hands?|feet|foot)\b[^.!?]{0,40}\b(weak\w*|giv\w* way|buckl\w*)\b|\bweak\w*\b[^.!?]{0,40}\b(legs?|arms?|hands?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Weakness();

    [GeneratedRegex(@"\b(bladder|bowel|bowels|incontinen\w*|wet myself|control my (pee|urine|toilet))\b", RegexOptions.IgnoreCase)]
    private static partial Regex BladderBowel();

    [GeneratedRegex(@"\b(fever\w*|feverish|high temperature|chills)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Fever();

    [GeneratedRegex(@"\bchest\b[^.!?]{0,20}\b(pain|tight\w*|pressure|hurts?)\b|\b(pain|tightness|pressure) in (my|the) chest\b|\b(short(ness)? of breath|trouble breathing|difficulty breathing|can'?t breathe|hard to breathe|breathless)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChestOrBreathing();

    [GeneratedRegex(@"\b(accident|crash|collision|fell|fallen|(a|the|my|that) fall|slipped|tripped|whiplash)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AccidentOrFall();
}
