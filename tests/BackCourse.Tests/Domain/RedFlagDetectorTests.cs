using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class RedFlagDetectorTests
{
    /// <summary>How learners actually write the six red flags: plain, vague, misspelt, in passing.</summary>
    public static TheoryData<string, string> Phrasings() => new()
    {
        // chest pain or trouble breathing, and the heart-attack signs with back pain
        { "Sometimes I get chest pain when it spasms.", "chest" },
        { "My chest hurts when I lift my arm.", "chest" },
        { "my chest hurts when i breathe in deep", "chest" },
        { "There's a tightness in my chest after climbing stairs.", "chest" },
        { "Chest feels tight and heavy this morning", "chest" },
        { "I've had some chset pain since yesterday", "chest" },
        { "chestpain on and off", "chest" },
        { "A pressure in the chest that comes and goes.", "chest" },
        { "I feel short of breath when the spasm hits.", "chest" },
        { "Bit of shortness of breath walking uphill.", "chest" },
        { "I cant breath properly when it flares", "chest" },
        { "It's hard to breathe when I lie flat.", "chest" },
        { "Breathing feels difficult in the evenings.", "chest" },
        { "I get breathless just walking to the kitchen.", "chest" },
        { "My back pain came with nausea and I was sweating.", "chest" },
        { "Felt nauseous and clammy with the shoulder pain.", "chest" },
        { "I threw up when the pain was at its worst.", "chest" },
        { "The pain goes down my left arm.", "chest" },
        { "My jaw aches along with the shoulder blade pain.", "chest" },
        { "Im worried it could be my heart", "chest" },
        // loss of bladder or bowel control, saddle numbness
        { "I've had trouble with bladder control.", "bladder-bowel" },
        { "I wet myself on Tuesday, which has never happened.", "bladder-bowel" },
        { "I couldn't hold my pee this morning.", "bladder-bowel" },
        { "Some bowel problems since the pain started.", "bladder-bowel" },
        { "A bit of blader leakage, embarrassing", "bladder-bowel" },
        { "My bum feels numb when I sit.", "bladder-bowel" },
        { "Numb around my groin since the weekend.", "bladder-bowel" },
        { "I have some incontinence now.", "bladder-bowel" },
        { "i cant pee properly since the spasm", "bladder-bowel" },
        { "Leaking urine when I cough.", "bladder-bowel" },
        // weakness, numbness or tingling
        { "My left hand has gone numb since Tuesday.", "weakness-numbness" },
        { "I get pins and needles down my arm.", "weakness-numbness" },
        { "My legs feel weak on the stairs.", "weakness-numbness" },
        { "There is some weakness in my right arm.", "weakness-numbness" },
        { "tingling in my fingers at night", "weakness-numbness" },
        { "Some numbess in my fingertips.", "weakness-numbness" },
        { "My knee gave way twice this week.", "weakness-numbness" },
        { "I keep dropping things, my grip is going.", "weakness-numbness" },
        { "I can't feel my toes some mornings.", "weakness-numbness" },
        { "A tingly, buzzing feeling in my arm.", "weakness-numbness" },
        { "My arm feels weaker than before.", "weakness-numbness" },
        // a fall or accident
        { "It started after a car accident last month.", "fall-accident" },
        { "I fell off my bike on Sunday.", "fall-accident" },
        { "I slipped on the ice and landed on my back.", "fall-accident" },
        { "Got rear-ended at the lights last week.", "fall-accident" },
        { "Had a bad fall down the stairs.", "fall-accident" },
        { "tripped over the dog and hurt my back", "fall-accident" },
        { "It began after a little acident at work.", "fall-accident" },
        { "I think it's whiplash from the crash.", "fall-accident" },
        { "Sports injury from rugby on Saturday.", "fall-accident" },
        // fever, swelling, infection
        { "I had a fever last night and the pain got worse.", "infection" },
        { "Feeling feverish with the back pain.", "infection" },
        { "I had chills and night sweats.", "infection" },
        { "There's a swollen lump near my spine.", "infection" },
        { "The skin there is red and hot.", "infection" },
        { "temperature of 38.5 yesterday", "infection" },
        { "Some swelling on my shoulder blade and I don't know why.", "infection" },
        { "I've had a feaver all week", "infection" },
        // pain that keeps getting worse or lasts weeks
        { "The pain keeps getting worse.", "worsening" },
        { "Its getting wrose every day", "worsening" },
        { "It's been like this for six weeks.", "worsening" },
        { "I've had this pain for months.", "worsening" },
        { "It hasn't improved at all.", "worsening" },
        { "The ache just won't go away.", "worsening" },
        { "Worse and worse each morning.", "worsening" },
        { "It's not getting any better despite the stretches.", "worsening" },
        { "Been going on a few weeks now.", "worsening" },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Red_flag_symptoms_in_a_learners_words_are_found(string text, string flag) =>
        Assert.Contains(flag, RedFlagDetector.FindFlags(text).Select(f => f.Key));

    [Fact]
    public void The_table_holds_at_least_60_phrasings_covering_all_six_red_flags()
    {
        var rows = Phrasings().Select(r => (string)r[1]).ToList();
        Assert.True(rows.Count >= 60, $"{rows.Count} phrasings");
        Assert.Equal(GetHelpNow.Flags.Select(f => f.Key).Order(), rows.Distinct().Order());
    }

    [Theory]
    [InlineData("My shoulders feel tight after a long day at the desk.")]
    [InlineData("Stretching in the morning helps, and heat in the evening.")]
    [InlineData("I want to feel stronger and move without fear.")]
    [InlineData("I fall asleep more easily since I started the breathing exercise.")]
    [InlineData("The hot shower eased the stiffness.")]
    [InlineData("I set the desk timer and stood up every half hour.")]
    [InlineData("")]
    public void Everyday_descriptions_are_not_flagged(string text) =>
        Assert.Empty(RedFlagDetector.Find(text));

    [Fact]
    public void Several_flags_are_all_reported_most_urgent_first_and_the_suggested_reply_points_to_the_notice()
    {
        var flags = RedFlagDetector.FindFlags("Since the fall I have numbness in my fingers, a fever and now chest pain.");
        Assert.Equal(["chest", "weakness-numbness", "fall-accident", "infection"], flags.Select(f => f.Key));
        var reply = RedFlagDetector.SuggestedReply(RedFlagDetector.Find("chest pain"), "https://example.test/when-to-see-a-doctor");
        Assert.Contains("When to see a doctor now", reply, StringComparison.Ordinal);
        Assert.Contains("https://example.test/when-to-see-a-doctor", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Chest_pain_is_never_sent_to_urgent_care()
    {
        var reply = RedFlagDetector.SuggestedReply(RedFlagDetector.Find("My chest hurts when the spasm comes."), "/when-to-see-a-doctor");
        Assert.DoesNotContain("urgent care", reply, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("call your emergency number now", reply, StringComparison.Ordinal);
        Assert.Equal(RedFlagUrgency.CallEmergencyNow, RedFlagDetector.FindFlags("My chest hurts when the spasm comes.")[0].Urgency);
    }
}
