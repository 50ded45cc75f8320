using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class SectionAccessRuleTests
{
    private static Enrolment Enrolled(EnrolmentStatus status = EnrolmentStatus.Active, bool confirmed = true) => new()
    {
        Status = status,
        PausedAt = status == EnrolmentStatus.Paused ? DateTimeOffset.UnixEpoch : null,
        SafetyConfirmedAt = confirmed ? DateTimeOffset.UnixEpoch : null,
    };

    [Fact]
    public void A_visitor_reads_only_the_preview() =>
        Assert.Equal(
            [SectionAccess.Preview, SectionAccess.NotEnrolled],
            new[] { true, false }.Select(preview => SectionAccessRule.Decide(preview, null, true, false)));

    [Theory]
    [InlineData(EnrolmentStatus.Refunded)]
    [InlineData(EnrolmentStatus.Revoked)]
    public void Ended_access_is_treated_like_no_enrolment(EnrolmentStatus status) =>
        Assert.Equal(SectionAccess.NotEnrolled, SectionAccessRule.Decide(false, Enrolled(status), true, true));

    [Fact]
    public void An_enrolled_learner_confirms_the_safety_notice_before_any_lesson() =>
        Assert.Equal(SectionAccess.NeedsSafetyConfirmation, SectionAccessRule.Decide(false, Enrolled(confirmed: false), true, false));

    [Fact]
    public void A_section_of_an_unopened_week_is_locked() =>
        Assert.Equal(SectionAccess.Locked, SectionAccessRule.Decide(false, Enrolled(), weekOpen: false, openedBefore: false));

    [Fact]
    public void A_section_opened_before_never_locks_again() =>
        Assert.Equal(SectionAccess.Open, SectionAccessRule.Decide(false, Enrolled(), weekOpen: false, openedBefore: true));

    [Fact]
    public void A_paused_learner_keeps_reading_open_weeks() =>
        Assert.Equal(SectionAccess.Open, SectionAccessRule.Decide(false, Enrolled(EnrolmentStatus.Paused), true, false));
}
