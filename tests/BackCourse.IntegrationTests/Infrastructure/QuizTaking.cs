using System.Net;
using AngleSharp.Html.Dom;
using BackCourse.Web.Domain;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>Takes quizzes through the pages, as a learner would.</summary>
public static class QuizTaking
{
    /// <summary>Starts (or continues) an attempt; returns the attempt page's URL.</summary>
    public static async Task<string> StartAttemptAsync(this HttpClient browser, Section quiz)
    {
        var response = await browser.SubmitFormAsync($"/learn/{quiz.Slug}", $"/learn/{quiz.Slug}/quiz/attempts", new Dictionary<string, string>());
        response.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The right answers (or, with <paramref name="wrongCount"/>, that many wrong ones) as form fields.</summary>
    public static List<KeyValuePair<string, string>> AnswerFields(Section quiz, int wrongCount = 0, string rating = "5")
    {
        var definition = QuizDefinition.Parse(quiz.ExtrasJson);
        var fields = new List<KeyValuePair<string, string>>();
        var wrongLeft = wrongCount;
        foreach (var q in definition.Questions)
        {
            var name = $"q[{q.Key}]";
            if (q.Type == QuestionType.Rating)
            {
                fields.Add(new(name, rating));
                continue;
            }
            var chosen = wrongLeft-- > 0
                ? [q.Options.First(o => !o.Correct)]
                : q.Options.Where(o => o.Correct).ToList();
            fields.AddRange(chosen.Select(o => new KeyValuePair<string, string>(name, o.Id)));
        }
        return fields;
    }

    /// <summary>Posts answers to an attempt page's form, with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitAttemptAsync(this HttpClient browser, string attemptUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await browser.GetPageAsync(attemptUrl);
        var token = page.QuerySelector<IHtmlInputElement>("form.quiz input[name=__RequestVerificationToken]")!.Value;
        return await browser.PostAsync(attemptUrl, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }
}
