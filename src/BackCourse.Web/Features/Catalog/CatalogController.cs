using System.Text.Json;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Catalog;

public sealed record CoursePageModel(
    CourseOutline Outline,
    IReadOnlyList<FaqItem> Faq,
    bool IsSignedIn,
    bool IsEnrolled,
    Reviews.ReviewSummary Reviews)
{
    public Course Course => Outline.Course;
    public string ListPrice => Money.Format(Course.ListPriceCents, Course.Currency);
    public string SalePrice => Money.Format(Course.SalePriceCents, Course.Currency);
    public int DiscountPercent => Money.DiscountPercent(Course.ListPriceCents, Course.SalePriceCents);
    public string TotalTime => Outline.TotalMinutes < 120 ? $"{Outline.TotalMinutes} minutes" : $"about {Math.Round(Outline.TotalMinutes / 60.0)} hours";
}

/// <summary>The public course page and the safety notice every lesson links to.</summary>
[AllowAnonymous]
public sealed class CatalogController(LearnerSession session, CourseOutlineReader outlines, Reviews.CourseReviews reviews) : Controller
{
    private static readonly JsonSerializerOptions FaqJson = new(JsonSerializerDefaults.Web);

    [HttpGet("/")]
    public Task<IActionResult> Index(CancellationToken ct) => CoursePage(null, ct);

    [HttpGet("/courses/{slug}")]
    public Task<IActionResult> Course(string slug, CancellationToken ct) => CoursePage(slug, ct);

    [HttpGet("/when-to-see-a-doctor")]
    public async Task<IActionResult> Safety(CancellationToken ct)
    {
        var outline = await outlines.ReadAsync(null, ct);
        return outline is null ? NotFound() : View(outline.Course);
    }

    private async Task<IActionResult> CoursePage(string? slug, CancellationToken ct)
    {
        var outline = await outlines.ReadAsync(slug, ct);
        if (outline is null)
        {
            return slug is null ? View("Empty") : NotFound();
        }
        var state = await session.LoadAsync(User, ct);
        var faq = JsonSerializer.Deserialize<List<FaqItem>>(outline.Course.FaqJson, FaqJson) ?? [];
        return View("Index", new CoursePageModel(outline, faq, User.Identity?.IsAuthenticated == true,
            state is { HasAccess: true } && state.Outline.Course.Id == outline.Course.Id,
            await reviews.ApprovedAsync(outline.Course.Id, ct)));
    }
}
