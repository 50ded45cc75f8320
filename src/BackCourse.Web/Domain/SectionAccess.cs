namespace BackCourse.Web.Domain;

public enum SectionAccess
{
    /// <summary>Show the content (and record progress for an enrolled learner).</summary>
    Open,

    /// <summary>The free preview, shown to someone without an enrolment.</summary>
    Preview,

    /// <summary>Not enrolled (or access ended): send them to the course page.</summary>
    NotEnrolled,

    /// <summary>Enrolled, but the learner must first read and confirm the red-flag notice.</summary>
    NeedsSafetyConfirmation,

    /// <summary>Enrolled, but the section's week has not opened: say when it does (403).</summary>
    Locked,
}

/// <summary>Who may read a section, decided in one place so every route applies the same rule.</summary>
public static class SectionAccessRule
{
    public static SectionAccess Decide(bool isPreview, Enrolment? enrolment, bool weekOpen, bool openedBefore)
    {
        if (enrolment is not { GivesAccess: true })
        {
            return isPreview ? SectionAccess.Preview : SectionAccess.NotEnrolled;
        }
        if (enrolment.SafetyConfirmedAt is null && !isPreview)
        {
            return SectionAccess.NeedsSafetyConfirmation;
        }
        // Content a learner has opened never locks again, whatever later schedule changes say.
        return weekOpen || openedBefore || isPreview ? SectionAccess.Open : SectionAccess.Locked;
    }
}
