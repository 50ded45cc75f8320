using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class ReflectionWorkflowTests
{
    [Fact]
    public void A_first_submission_is_submitted_and_one_after_a_revision_request_is_resubmitted()
    {
        Assert.Equal(ReflectionState.Submitted, ReflectionWorkflow.Submitted(ReflectionState.Draft));
        Assert.Equal(ReflectionState.Resubmitted, ReflectionWorkflow.Submitted(ReflectionState.RevisionRequested));
    }

    [Theory]
    [InlineData(ReflectionState.Draft, true, false)]
    [InlineData(ReflectionState.Submitted, false, true)]
    [InlineData(ReflectionState.RevisionRequested, true, false)]
    [InlineData(ReflectionState.Resubmitted, false, true)]
    [InlineData(ReflectionState.Reviewed, false, false)]
    public void Only_the_right_states_can_be_submitted_or_reviewed(ReflectionState state, bool canSubmit, bool canReview) =>
        Assert.Equal((canSubmit, canReview), (ReflectionWorkflow.CanSubmit(state), ReflectionWorkflow.CanReview(state)));
}
