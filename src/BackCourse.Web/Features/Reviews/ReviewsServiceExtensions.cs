namespace BackCourse.Web.Features.Reviews;

public static class ReviewsServiceExtensions
{
    /// <summary>Course ratings and reviews, and their moderation.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services) => services.AddScoped<CourseReviews>();
}
