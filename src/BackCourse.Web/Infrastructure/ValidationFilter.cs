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
        foreach (var (name, argument) in context.ActionArguments)
        {
            if (argument is null)
            {
                continue;
            }
            KeepCheckboxesRenderable(context, name, argument);
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

    /// <summary>
    /// A bool posted as anything but true/false ("abc") is a binding error, and re-showing the form would
    /// then throw: the checkbox tag helper parses the attempted value as a bool. Keep the error, but let
    /// the box show what was bound (unticked), so a garbage post gets the form with its message, not a 500.
    /// </summary>
    private static void KeepCheckboxesRenderable(ActionExecutingContext context, string name, object argument)
    {
        foreach (var property in argument.GetType().GetProperties())
        {
            if (property.PropertyType != typeof(bool) || !property.CanRead)
            {
                continue;
            }
            foreach (var key in new[] { property.Name, $"{name}.{property.Name}" })
            {
                if (context.ModelState.TryGetValue(key, out var entry) && entry.AttemptedValue is { } attempted
                    && !attempted.Split(',').All(v => bool.TryParse(v, out _)))
                {
                    var bound = (bool)property.GetValue(argument)!;
                    context.ModelState.SetModelValue(key, bound, bound ? "true" : "false");
                }
            }
        }
    }
}
