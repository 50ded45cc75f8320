using System.Text.RegularExpressions;

namespace BackCourse.Web.Domain;

/// <summary>
/// Spots the six red flags of <see cref="GetHelpNow"/> in anything a learner writes, the way people
/// actually write them: "my chest hurts when…", "pins and needles", "numbess", "cant breath", "fell off
/// my bike". It errs on the side of flagging ("no numbness" still flags, "sweaty after a run" flags):
/// a flagged learner sees the get-help-now block and an instructor looks first, and a missed red flag
/// costs far more than an unneeded look (docs/decisions/0022).
/// </summary>
public static partial class RedFlagDetector
{
    private static readonly (string Key, Regex Pattern)[] Patterns =
    [
        ("chest", Chest()),
        ("bladder-bowel", BladderBowel()),
        ("weakness-numbness", WeaknessNumbness()),
        ("fall-accident", FallAccident()),
        ("infection", Infection()),
        ("worsening", Worsening()),
    ];

    /// <summary>The red flags the text mentions, most urgent first; the same records the get-help-now block is built from.</summary>
    public static IReadOnlyList<RedFlag> FindFlags(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var normal = Normalise(text);
        return [.. Patterns.Where(p => p.Pattern.IsMatch(normal)).Select(p => GetHelpNow.Flag(p.Key)).OrderBy(f => f.Urgency)];
    }

    /// <summary>The labels of the red flags found, for the instructor.</summary>
    public static IReadOnlyList<string> Find(string? text) => [.. FindFlags(text).Select(f => f.Label)];

    public static string SuggestedReply(IReadOnlyList<string> flags, string noticeUrl) =>
        $"Thank you for writing this down. You mention {string.Join(", ", flags)}. Symptoms like these need help before anything " +
        $"else in this course. Please follow the \"When to see a doctor now\" notice ({noticeUrl}), which says what to do for each " +
        "one: for chest pain or trouble breathing, call your emergency number now; for loss of bladder or bowel control, go to an " +
        "emergency department today; for the others, see a doctor today. This course can't examine you, and we'd rather you were " +
        "checked. Once a doctor has seen you, I'm glad to carry on working through the course with you.";

    // Curly apostrophes and runs of spaces are how phones write; the patterns expect plain ones.
    private static string Normalise(string text) =>
        Spaces().Replace(text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u00A0', ' '), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // Chest pain, breathing trouble, and the heart-attack signs that come with back or shoulder pain.
    [GeneratedRegex(@"\b(ch?e?st|chset|chets|cheast)\s?(pains?|hurts?|hurting|ache?s?|aching|tight\w*|pressure|sore\w*|burn\w*|crush\w*|squeez\w*|heav\w*|discomfort|twinge\w*|feels? (tight|heavy|crushed|like))|\b(pain|pains|tightness|pressure|ache|aching|heaviness|squeezing|crushing|hurts?|hurting)\b[^.!?\n]{0,25}\bch?e?st\b|\bchest\b[^.!?\n]{0,30}\b(hurts?|hurting|pain\w*|tight\w*|pressure|ache?s?|aching|sore)\b|\bheart (attack|pain|racing|pounding)|\b(my|the) heart\b|\bheart ?attack|\bangina\b|\b(short(ness)? (of|off) breath?|out of breath?|breathless\w*|breathlesness|can'?t breath?e?|cannot breath?e?|can not breath?e?|couldn'?t breath?e?|(hard|difficult|struggl\w*|trouble|difficulty|problems?|hurts?|painful) (to |with |when |while )?breath(e|ing)?|breath(e|ing)? (is|feels?) (hard|difficult|tight|painful)|catch my breath|gasping|wheez\w*)\b|\b(nause\w*|nausious|nausia|naseous|sick to my stomach|feel(ing)? sick|vomit\w*|throw(ing|n)? up|threw up|sweat\w*|clammy|cold sweat|swe?ating)\b|\b(left )?(arm|jaw)\b[^.!?\n]{0,20}\b(pain|hurts?|aching|aches?|numb\w*)\b|\bpain\b[^.!?\n]{0,20}\b(down|into|in) my (left )?(arm|jaw)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Chest();

    // Loss of bladder or bowel control, and saddle numbness.
    [GeneratedRegex(@"\b(bladd?er|blader|bowe?ls?|bowl (control|movements?|problems?)|incontin\w*|incontinance|wet (myself|my ?self|the bed)|pee+d? (myself|my pants)|wee+d? myself|soiled|poo+p?e?d? myself|leak(ing|ed|s)? (urine|pee|wee)|urine leak\w*|(can'?t|cannot|couldn'?t|could not|unable to) (hold|control|stop) (my |the )?(pee|wee|urine|poo|poop|stool|bowels?|toilet)|(cant|can't|cannot|couldn'?t) (pee|wee|urinate|go to the toilet|go to the bathroom)|trouble (peeing|urinating|going to the toilet)|control (my |of my )?(pee|urine|toilet|bowels?)|groin|saddle|genitals?|private parts|(numb|tingl\w*)[^.!?\n]{0,25}\b(bum|buttocks?|backside|bottom|between my legs)|(bum|buttocks?|backside|between my legs)\b[^.!?\n]{0,25}\b(numb\w*|tingl\w*))\b", RegexOptions.IgnoreCase)]
    private static partial Regex BladderBowel();

    // Weakness, numbness, tingling, in the ways people describe them.
    [GeneratedRegex(@"\b(numb\w*|num(b|n)ess|nunbness|numnes+|tingl\w*|tinglng|tinggl\w*|pins (and|&|n) needles|pins ?& ?needles|dead arm|(can'?t|cannot|can not|couldn'?t) feel my \w+|lost (the )?feeling|losing (the )?feeling|no feeling in|(losing|lost|lose) (my )?grip|drop(ping)? things|keep dropping|foot drop|weekness|weaknes+|weak\w*|gave way|giv(e|es|ing) way|buckl\w*|(can'?t|cannot) (lift|raise|move) my (arm|leg|hand|foot)|electric (shocks?|feeling) (down|into|in) my (arm|leg|hand)s?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeaknessNumbness();

    // A fall, accident or blow, however small it seemed ("I fall asleep" is not one).
    [GeneratedRegex(@"\b(acc?id[ae]nt\w*|accedent\w*|crash\w*|collision|car wreck|rear[- ]ended|whiplash|fell|felll|fallen|falling (down|over|off)|fall(s)? (down|over|off)|(a|the|my|that|this|bad|nasty|big|small|little) fall\b(?! asleep)|slipp?ed|slip(ped)? (on|over)|tripp?ed|trip(ped)? over|knocked (down|over)|hit by|got hit|was hit|blow to|injur\w*|hurt myself)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FallAccident();

    // Fever, swelling and other signs of infection.
    [GeneratedRegex(@"\b(fever\w*|fevre|fevor|feaver\w*|feverish|high (temp|temperature)|(a |running a )?temperature of|temp of|chills|shiver\w*|night sweats|swollen|swell\w*|swolen|lump|infect\w*|red and (hot|warm)|hot to (the )?touch|unwell|flu-?like)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Infection();

    // Pain that keeps getting worse, or has lasted weeks.
    [GeneratedRegex(@"\b(getting (worse|wors|wrose|werse)|gets worse|got worse|worse and worse|worse (every|each) (day|week|night)|worse than (last|before)|keeps? (getting )?worse|worsen\w*|worser|more and more (pain|painful)|not (getting|got|gotten) (any )?better|no better|isn'?t (getting )?better|hasn'?t (improved|eased|gone|got better|settled|changed)|won'?t (go away|ease|settle|stop)|wont (go away|ease|settle|stop)|not (improving|easing|going away)|never goes away|still (hurts|there|painful|the same) after|for (\w+ )?(weeks|months|years)|(\d+|a few|few|several|two|three|four|five|six|eight|many|couple of|a couple of) (weeks|months|years)|weeks now|months now|since (last )?(month|year|january|february|march|april|may|june|july|august|september|october|november|december|christmas|summer|winter|spring))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Worsening();
}
