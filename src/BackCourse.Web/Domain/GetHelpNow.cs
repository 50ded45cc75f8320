namespace BackCourse.Web.Domain;

/// <summary>How fast a red flag needs help, most urgent first.</summary>
public enum RedFlagUrgency
{
    CallEmergencyNow,
    EmergencyCareToday,
    DoctorToday,
    DoctorThisWeek,
}

/// <summary>One of the brief's six red flags, with what to do about it in plain words.</summary>
public sealed record RedFlag(string Key, string Label, string Signs, string Action, RedFlagUrgency Urgency);

/// <summary>
/// The "get help now" guidance, written once. The safety notice, the site footer, every lesson that
/// names a red flag (through <see cref="Placeholder"/>) and the message a learner sees when they write
/// about a red flag all show this one block, so no copy can soften or drift from the others.
/// </summary>
public static class GetHelpNow
{
    /// <summary>A line holding only this, in any course Markdown, is replaced by <see cref="Markdown"/> when rendered.</summary>
    public const string Placeholder = "{{get-help-now}}";

    public static readonly IReadOnlyList<RedFlag> Flags =
    [
        new("chest", "chest pain or trouble breathing",
            "Chest pain or trouble breathing, or back or shoulder pain that comes with breathlessness, sweating or nausea",
            "Call your emergency number now (911 in the US). This can be a heart attack. Do not wait to see if it passes, and do not drive yourself.",
            RedFlagUrgency.CallEmergencyNow),
        new("bladder-bowel", "loss of bladder or bowel control",
            "Loss of bladder or bowel control, or numbness around the groin or buttocks",
            "Go to an emergency department today, or call your emergency number. Do not wait for an appointment.",
            RedFlagUrgency.EmergencyCareToday),
        new("weakness-numbness", "weakness, numbness or tingling",
            "Weakness, numbness or tingling in your legs or arms",
            "See a doctor today. If it came on suddenly or is spreading fast, go to an emergency department now.",
            RedFlagUrgency.DoctorToday),
        new("fall-accident", "pain after a fall or accident",
            "Pain after a fall or accident, even if it seemed mild at first",
            "See a doctor today. Injury pain can show up a day or two later.",
            RedFlagUrgency.DoctorToday),
        new("infection", "fever or signs of infection",
            "Fever, unexplained swelling or other signs of infection together with back pain",
            "See a doctor today.",
            RedFlagUrgency.DoctorToday),
        new("worsening", "pain that keeps getting worse or lasts weeks",
            "Pain that keeps getting worse, or lasts more than a few weeks",
            "Book a doctor's appointment this week.",
            RedFlagUrgency.DoctorThisWeek),
    ];

    public static RedFlag Flag(string key) => Flags.Single(f => f.Key == key);

    /// <summary>The block as Markdown: a short lead-in, then each sign with its action.</summary>
    public static string Markdown { get; } =
        "**Get help now.** Stop the course and act first if you have any of these:\n\n" +
        string.Concat(Flags.Select(f => $"- **{f.Signs}.** {f.Action}\n")) +
        "\nIf you are not sure how serious a symptom is, call your doctor or a nurse advice line now and ask.\n";

    /// <summary>The block as HTML, for the footer and for the message a learner sees after writing about a red flag.</summary>
    public static string Html { get; } = Content.MarkdownRenderer.ToHtml(Markdown);
}
