namespace BackCourse.Web.Features.Quizzes;

public static class QuizzesServiceExtensions
{
    /// <summary>Quiz attempts: started, answered, graded on the server.</summary>
    public static IServiceCollection AddQuizzes(this IServiceCollection services) => services.AddScoped<QuizAttempts>();
}
