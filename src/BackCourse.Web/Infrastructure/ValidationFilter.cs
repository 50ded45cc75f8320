using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BackCourse.Web.Infrastructure;

/// <summary>
/// Runs the FluentValidation validator registered for each action argument and puts its messages in
/// ModelState, keyed by property, so the form shows them next to the right field.
/// (FluentValidation.AspNetCore is not available here; this is the part of it we need.)
/// </summary>
internal sealed class ValidationFilter(IServiceProvider services) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null)
            {
                continue;
            }
            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (services.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }
            var result = await validator.ValidateAsync(
                new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var error in result.Errors)
            {
                context.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }
        await next();
    }
}
