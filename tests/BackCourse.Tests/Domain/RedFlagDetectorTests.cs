using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class RedFlagDetectorTests
{
    [Theory]
    [InlineData("My left hand has gone numb since Tuesday.", "numbness or tingling")]
    [InlineData("I get pins and needles down my arm.", "numbness or tingling")]
    [InlineData("My legs feel weak on the stairs.", "weakness in the legs or arms")]
    [InlineData("There is some weakness in my right arm.", "weakness in the legs or arms")]
    [InlineData("I've had trouble with bladder control.", "bladder or bowel control")]
    [InlineData("I had a fever last night and the pain got worse.", "fever")]
    [InlineData("Sometimes I get chest pain when it spasms.", "chest pain or trouble breathing")]
    [InlineData("I feel short of breath when the spasm hits.", "chest pain or trouble breathing")]
    [InlineData("It started after a car accident last month.", "an accident or fall")]
    [InlineData("I fell off my bike on Sunday.", "an accident or fall")]
    public void Red_flag_symptoms_in_a_learners_words_are_found(string text, string flag) =>
        Assert.Contains(flag, RedFlagDetector.Find(text));

    [Theory]
    [InlineData("My shoulders feel tight after a long day at the desk.")]
    [InlineData("Stretching in the morning helps, and heat in the evening.")]
    [InlineData("I want to feel stronger and move without fear.")]
    [InlineData("")]
    public void Everyday_descriptions_are_not_flagged(string text) =>
        Assert.Empty(RedFlagDetector.Find(text));

    [Fact]
    public void Several_flags_are_all_reported_and_the_suggested_reply_points_to_the_notice()
    {
        var flags = RedFlagDetector.Find("Since the fall I have numbness in my fingers and a fever.");
        Assert.Equal(3, flags.Count);
        var reply = RedFlagDetector.SuggestedReply(flags, "https://example.test/when-to-see-a-doctor");
        Assert.Contains("When to see a doctor now", reply, StringComparison.Ordinal);
        Assert.Contains("https://example.test/when-to-see-a-doctor", reply, StringComparison.Ordinal);
    }
}
