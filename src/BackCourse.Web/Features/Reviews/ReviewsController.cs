using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Reviews;

/// <summary>A learner rates and reviews the course once week 1 is done.</summary>
[Route("learn/review")]
[Authorize]
public sealed class ReviewsController(LearnerSession session, CourseReviews reviews) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Edit(CancellationToken ct)
    {
        var state = await session.LoadAsync(User, ct);
        if (state is not { HasAccess: true })
        {
            return Redirect("/");
        }
        if (!await reviews.MayReviewAsync(state.Enrolment!.Id, state.Outline.Course.Id, ct))
        {
            TempData["Flash"] = "You can review the course once you've finished week 1 (passed its quiz).";
            return Redirect("/learn");
        }
        var mine = await reviews.MineAsync(User.UserId()!.Value, state.Outline.Course.Id, ct);
        ViewData["Status"] = mine?.Status;
        return View("Edit", new ReviewForm { Rating = mine?.Rating, Body = mine?.Body });
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(ReviewForm form, CancellationToken ct)
    {
        var state = await session.LoadAsync(User, ct);
        if (state is not { HasAccess: true })
        {
            return Redirect("/");
        }
        if (!await reviews.MayReviewAsync(state.Enrolment!.Id, state.Outline.Course.Id, ct))
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }
        await reviews.SaveAsync(User.UserId()!.Value, state.Outline.Course.Id, form, ct);
        TempData["Flash"] = "Thank you for your review. It will appear on the course page once it has been checked.";
        return Redirect("/learn");
    }
}
