using System.Collections.Concurrent;
using System.Reflection;
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
    // What each argument type needs, worked out once: every action runs this filter, and making the generic
    // type and listing the properties on each request showed in profiles of the learner pages.
    private sealed record ArgumentShape(Type? ValidatorType, PropertyInfo[] BoolProperties);

    private static readonly ConcurrentDictionary<Type, ArgumentShape> Shapes = new();

    private static ArgumentShape ShapeOf(Type type) => Shapes.GetOrAdd(type, static t =>
        // Route values, ids and the cancellation token are never validated objects.
        t == typeof(string) || t.IsValueType
            ? new ArgumentShape(null, [])
            : new ArgumentShape(
                typeof(IValidator<>).MakeGenericType(t),
                t.GetProperties().Where(p => p.PropertyType == typeof(bool) && p.CanRead).ToArray()));

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var (name, argument) in context.ActionArguments)
        {
            if (argument is null)
            {
                continue;
            }
            var shape = ShapeOf(argument.GetType());
            if (shape.ValidatorType is null)
            {
                continue;
            }
            KeepCheckboxesRenderable(context, name, argument, shape.BoolProperties);
            if (services.GetService(shape.ValidatorType) is not IValidator validator)
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
    private static void KeepCheckboxesRenderable(ActionExecutingContext context, string name, object argument, PropertyInfo[] boolProperties)
    {
        foreach (var property in boolProperties)
        {
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
